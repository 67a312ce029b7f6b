"""The WSGI entry point for gunicorn: `gunicorn --config gunicorn.conf.py wsgi:app`."""

from api import create_app

app = create_app()
