"""`--encoding`, shared by extract and ingest: UTF-8 by default, a codec name, or "auto"."""

import codecs

import click


def _codec_name(_ctx, _param, value: str | None) -> str | None:
    from articles.fields import AUTO_ENCODING

    if value is None or value.lower() == AUTO_ENCODING:
        return value and AUTO_ENCODING
    try:
        return codecs.lookup(value).name
    except LookupError:
        raise click.BadParameter(f"{value!r} is not an encoding Python knows "
                                 "(try cp1252, latin-1, utf-16, or auto)") from None


encoding_option = click.option(
    "--encoding", callback=_codec_name, metavar="NAME|auto",
    help="Encoding of the input files (default UTF-8), such as cp1252; `auto` detects each "
         "file's with charset-normalizer when it is not UTF-8.")
