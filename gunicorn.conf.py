"""gunicorn settings for quotewire, for `gunicorn wsgi:app` run by hand in a checkout.

The settings live in cli/gunicorn_conf.py, inside the package, so that `quotewire serve`
(and the Docker image) find them in a wheel install too; this file only points there.
"""

from cli.gunicorn_conf import *  # noqa: F403 - gunicorn reads this module's public names
