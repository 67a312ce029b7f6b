"""`quotewire spark-extract INPUT OUTPUT` (the Spark job in local mode, or on a master you
name) and `quotewire load OUTPUT` (its output into the store)."""

import os
from pathlib import Path

import click

from cli.database import connect
from cli.ingest import run_recorded

JAVA_MISSING = ("Spark needs a Java runtime (17 or 21) and none was found (no `java` on PATH, "
                "no JAVA_HOME): on Debian or Ubuntu, `apt-get install openjdk-17-jre-headless`")

# Installed by requirements-spark.txt, not by the runtime requirements.
OPTIONAL_MODULES = ("pyspark", "pyarrow", "pandas", "py4j")


def java_available() -> bool:
    """Whether Spark can start a JVM: JAVA_HOME names one, or `java` is on the PATH."""
    import shutil

    home = os.environ.get("JAVA_HOME")
    if home and Path(home, "bin", "java").exists():
        return True
    return shutil.which("java") is not None


def spark_module():
    """jobs.spark_extract, or one line saying what to install (pyspark is optional)."""
    if not java_available():
        raise click.ClickException(JAVA_MISSING)
    try:
        from jobs import spark_extract
    except ModuleNotFoundError as exc:
        if exc.name not in OPTIONAL_MODULES:
            raise
        raise click.ClickException(f"the Spark job needs pyspark, pyarrow and pandas "
                                   f"(`pip install -r requirements-spark.txt`): {exc}") from None
    return spark_extract


@click.command("spark-extract")
@click.argument("source", metavar="INPUT")
@click.argument("output")
@click.option("--master", default="local[*]", show_default=True,
              help="Spark master: local[N], spark://HOST:PORT, yarn, k8s://…")
@click.option("--format", "input_kind", type=click.Choice(["auto", "jsonl", "parquet", "files"]),
              default="auto", show_default=True,
              help="INPUT's format; auto: .jsonl, .parquet, else a folder of article files.")
@click.option("--partitions", type=click.IntRange(min=1),
              help="Tasks to extract in [default: 4 per core].")
@click.option("--overwrite", is_flag=True, help="Replace an existing OUTPUT.")
def spark_extract(source: str, output: str, master: str, input_kind: str,
                  partitions: int | None, overwrite: bool) -> None:
    """Extract the quotes of a corpus with Spark: Parquet documents and quotes by publication
    month, and errors, under OUTPUT. Load them with `quotewire load OUTPUT`."""
    job = spark_module()
    from pyspark.sql import SparkSession

    running = SparkSession.getActiveSession()  # a caller's session (tests): left running
    spark = job.make_session(master, {"spark.ui.showConsoleProgress": "false"})
    try:
        manifest = job.run(spark, source, output, input_kind=input_kind, partitions=partitions,
                           overwrite=overwrite)
    except job.OutputExists as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        if running is None:
            spark.stop()
    click.echo(f"documents: {manifest['documents']}; quotes: {manifest['quotes']}; "
               f"errors: {manifest['errors']}; output: {output}")


@click.command("load")
@click.argument("output", type=click.Path(exists=True, file_okay=False, path_type=Path))
@click.option("--batch-size", type=click.IntRange(min=1), default=200, show_default=True,
              help="Documents stored per transaction (each document is stored whole or not).")
def load(output: Path, batch_size: int) -> None:
    """Store the output of `quotewire spark-extract` (documents, quotes, speakers), with the
    ids and speakers `quotewire ingest` gives the same articles; idempotent."""
    try:
        from jobs.load import NotAnOutput, load_output, read_manifest
    except ModuleNotFoundError as exc:
        if exc.name not in OPTIONAL_MODULES:
            raise
        raise click.ClickException(f"loading needs pyarrow "
                                   f"(`pip install -r requirements-spark.txt`): {exc}") from None
    try:
        manifest = read_manifest(output)
    except NotAnOutput as exc:
        raise click.ClickException(str(exc)) from None
    engine = connect(tune_for_bulk_writes=True)
    run_recorded(engine, "load",
                 lambda progress, guard: load_output(engine, output, progress, batch_size,
                                                     guard),
                 total=manifest["documents"])
