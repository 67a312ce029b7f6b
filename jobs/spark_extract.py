"""The Spark job: articles (JSONL, Parquet, or a folder of article files) in, Parquet out.

    spark-submit jobs/spark_extract.py INPUT OUTPUT   (quotewire installed on every node)
    quotewire spark-extract INPUT OUTPUT --master 'local[*]'

Output, under OUTPUT: `documents/` and `quotes/` partitioned by publication month
(`month=2026-03`, `month=unknown`), `errors/` (source, reason) and `manifest/` (one JSON
line of counts, written last: its presence says the job finished). The extractor runs
unchanged in the executors, a batch of articles per Arrow batch (mapInArrow).

Every article gets an `ordinal`: its place in the order `quotewire ingest` would read the
same input (files in folder-walk order, lines in file order). The rows are range-partitioned
by it, so each output part holds a run of consecutive articles and `quotewire load` can store
them in ingest's order, part after part, without sorting the whole corpus.
"""

import argparse
import os
import sys
from datetime import UTC, datetime

from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql.pandas.types import from_arrow_schema

from config import Config
from extractors import EXTRACTOR_VERSION
from jobs.inputs import FILE_SUFFIXES, local_name, suffix, walk_order
from jobs.pieces import MAX_ITEMS_PER_FILE, PIECE, extract_batches, numbered_lines
from jobs.records import DOCUMENT_FIELDS, EXTRACTED

FORMATS = ("auto", "jsonl", "parquet", "files")
PARQUET_COLUMNS = ("id", "text", "title", "url", "author", "outlet", "published")
# Articles per Arrow batch handed to the extractor: small, so a batch of long articles
# stays a few MB in the Python worker.
ARROW_BATCH_ROWS = 256


def make_session(master: str | None = None, conf: dict | None = None) -> SparkSession:
    """A Spark session; in local mode the workers run this interpreter (its packages)."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName("quotewire-extract")
    if master:
        builder = builder.master(master)
    settings = {"spark.sql.execution.arrow.maxRecordsPerBatch": str(ARROW_BATCH_ROWS),
                **(conf or {})}
    for key, value in settings.items():
        builder = builder.config(key, value)
    return builder.getOrCreate()


def input_format(path: str, requested: str) -> str:
    """The input's format: as asked, else by the path's suffix (a folder: article files)."""
    if requested != "auto":
        return requested
    name = path.rstrip("/").lower()
    if name.endswith(".jsonl"):
        return "jsonl"
    return "parquet" if name.endswith(".parquet") else "files"


def ranks_of(paths: list[str]) -> dict[str, int]:
    """Each input file's place in `quotewire ingest`'s folder-walk order."""
    ordered = sorted(set(paths), key=lambda uri: walk_order(local_name(uri)))
    return {uri: rank for rank, uri in enumerate(ordered)}


def rank_table(spark: SparkSession, ranks: dict[str, int]) -> DataFrame:
    """(name, rank) to join on: Spark spells one file `file:///a` in one place and `file:/a`
    in another, so files are matched by their local_name."""
    rows = [(local_name(uri), rank) for uri, rank in ranks.items()]
    return F.broadcast(spark.createDataFrame(rows, "name string, rank long"))


def local_name_column(column):
    """local_name() in Spark SQL: `file:/a/b` -> `/a/b`, other URIs kept."""
    return F.regexp_replace(column, r"^file:(//)?", "")


def file_pieces(spark: SparkSession, path: str) -> DataFrame:
    """A folder (or file) of .txt/.json/.jsonl/.html articles: one piece per file, read whole.
    Spark, like ingest, passes over hidden files; unlike ingest it also passes over names
    starting with '_' (Hadoop's convention for metadata)."""
    frame = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(path)
             .select("path", "content"))
    paths = [uri for uri in frame.inputFiles() if suffix(uri) in FILE_SUFFIXES]
    ranks = rank_table(spark, ranks_of(paths))
    return (frame.withColumn("name", local_name_column(F.col("path"))).join(ranks, "name")
            .select((F.col("rank") * MAX_ITEMS_PER_FILE).alias("ordinal"), "name",
                    F.lit(None).cast("long").alias("line"), F.col("content").alias("raw")))


def jsonl_pieces(spark: SparkSession, path: str) -> DataFrame:
    """JSONL read line by line, split across tasks; each line numbered as ingest numbers it.

    Lines are counted per split first (a cheap pass), so that a line's number is known
    in the split that reads it. Only '\\n' ends a line, as in Python's readline."""
    lines = (spark.read.option("lineSep", "\n").text(path)
             .select(F.col("value").cast("binary").alias("raw"),
                     F.col("_metadata.file_path").alias("path"),
                     F.col("_metadata.file_block_start").alias("block_start")))
    counts = lines.groupBy("path", "block_start").count().collect()
    lines_before, seen = {}, {}
    for row in sorted(counts, key=lambda r: (r["path"], r["block_start"])):
        lines_before[(row["path"], row["block_start"])] = seen.get(row["path"], 0)
        seen[row["path"]] = seen.get(row["path"], 0) + row["count"]
    ranks = ranks_of(list(seen))
    named = lines.withColumn("name", local_name_column(F.col("path")))
    return named.mapInArrow(lambda batches: numbered_lines(batches, lines_before, ranks),
                            from_arrow_schema(PIECE))


def parquet_pieces(spark: SparkSession, path: str) -> DataFrame:
    """Parquet articles (columns id, text and any of title, url, author, outlet, published):
    each row spelled as a JSON line, so it is read by the same code as a JSONL line."""
    frame = spark.read.parquet(path)
    missing = {"text"} - set(frame.columns)
    if missing:
        raise SystemExit(f"{path}: Parquet articles need a 'text' column")
    fields = [F.col(name).cast("string").alias(name) for name in PARQUET_COLUMNS
              if name in frame.columns]
    ranks = rank_table(spark, ranks_of(frame.inputFiles()))
    rows = frame.select(F.to_json(F.struct(*fields)).cast("binary").alias("raw"),
                        F.col("_metadata.file_path").alias("path"),
                        F.col("_metadata.row_index").alias("row_index"))
    return (rows.withColumn("name", local_name_column(F.col("path"))).join(ranks, "name")
            .select((F.col("rank") * MAX_ITEMS_PER_FILE + F.col("row_index") + 1)
                    .alias("ordinal"), "name",
                    (F.col("row_index") + 1).alias("line"), "raw"))


class OutputExists(Exception):
    """OUTPUT holds an output already (finished or not) and --overwrite was not given."""


DATASETS = ("documents", "quotes", "errors", "manifest")


def claim_output(spark: SparkSession, output: str, overwrite: bool) -> None:
    """Refuse an existing output unless told to overwrite it; when overwriting, remove its
    manifest first, so a run that dies halfway never leaves an old manifest over new data.
    Through Hadoop's FileSystem, so any path Spark writes to works."""
    jvm, conf = spark._jvm, spark._jsc.hadoopConfiguration()
    paths = [jvm.org.apache.hadoop.fs.Path(f"{output}/{name}") for name in DATASETS]
    found = [path for path in paths if path.getFileSystem(conf).exists(path)]
    if found and not overwrite:
        raise OutputExists(f"{output} holds an output already ({found[0].getName()}/): "
                           f"give --overwrite to replace it")
    manifest = paths[-1]
    manifest.getFileSystem(conf).delete(manifest, True)


READERS = {"files": file_pieces, "jsonl": jsonl_pieces, "parquet": parquet_pieces}


def extracted(pieces: DataFrame, partitions: int, max_bytes: int) -> DataFrame:
    """Every piece's documents (with their quotes nested) and errors, in ordinal ranges."""
    return (pieces.repartitionByRange(partitions, "ordinal")
            .mapInArrow(lambda batches: extract_batches(batches, max_bytes),
                        from_arrow_schema(EXTRACTED)))


def write_outputs(rows: DataFrame, output: str, mode: str) -> None:
    """documents/ and quotes/ by month, errors/; in each part, rows in ordinal order."""
    good = rows.where(F.col("error").isNull())
    (good.select(*DOCUMENT_FIELDS, "text", "extractor_version",
                 F.size("quotes").alias("quote_count"))
     .sortWithinPartitions("month", "ordinal")
     .write.mode(mode).partitionBy("month").parquet(f"{output}/documents"))
    (good.select(*DOCUMENT_FIELDS, F.posexplode("quotes").alias("quote_index", "quote"))
     .select(*DOCUMENT_FIELDS, "quote_index", "quote.*")
     .sortWithinPartitions("month", "ordinal", "quote_index")
     .write.mode(mode).partitionBy("month").parquet(f"{output}/quotes"))
    (rows.where(F.col("error").isNotNull())
     .select("ordinal", "source", F.col("error").alias("reason"))
     .sortWithinPartitions("ordinal")
     .write.mode(mode).parquet(f"{output}/errors"))


def run(spark: SparkSession, source: str, output: str, *, input_kind: str = "auto",
        partitions: int | None = None, max_bytes: int | None = None,
        overwrite: bool = False) -> dict:
    """Run the job; returns the manifest it wrote (counts, extractor version, input)."""
    kind = input_format(source, input_kind)
    claim_output(spark, output, overwrite)
    max_bytes = max_bytes or Config.from_env().max_file_bytes
    partitions = partitions or 4 * spark.sparkContext.defaultParallelism
    rows = extracted(READERS[kind](spark, source), partitions, max_bytes).persist()
    try:
        write_outputs(rows, output, "overwrite" if overwrite else "errorifexists")
        counts = rows.select(
            F.count_if(F.col("error").isNull()).alias("documents"),
            F.coalesce(F.sum(F.size("quotes")), F.lit(0)).alias("quotes"),
            F.count_if(F.col("error").isNotNull()).alias("errors")).first().asDict()
    finally:
        rows.unpersist()
    manifest = {**{k: int(v) for k, v in counts.items()}, "input": source, "format": kind,
                "extractor_version": EXTRACTOR_VERSION, "partitions": partitions,
                "finished_at": datetime.now(UTC).isoformat(timespec="seconds")}
    spark.createDataFrame([manifest]).coalesce(1).write.mode("overwrite").json(
        f"{output}/manifest")
    return manifest


def parse_arguments(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="spark_extract", description=__doc__.split("\n")[0])
    parser.add_argument("input", help="a .jsonl or .parquet file or folder, or a folder of "
                                      "article files; any path Spark reads")
    parser.add_argument("output", help="the folder to write documents/, quotes/, errors/ to")
    parser.add_argument("--format", dest="input_kind", choices=FORMATS, default="auto")
    parser.add_argument("--master", help="Spark master (default: spark-submit's)")
    parser.add_argument("--partitions", type=int, help="tasks to extract in "
                                                       "(default: 4 per core)")
    parser.add_argument("--max-bytes", type=int, help="largest article (default: "
                                                      "QUOTEWIRE_MAX_FILE_BYTES)")
    parser.add_argument("--overwrite", action="store_true",
                        help="replace an existing output (a crashed run's, say)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    """spark-submit's entry point."""
    args = parse_arguments(argv)
    spark = make_session(args.master)
    try:
        manifest = run(spark, args.input, args.output, input_kind=args.input_kind,
                       partitions=args.partitions, max_bytes=args.max_bytes,
                       overwrite=args.overwrite)
    finally:
        spark.stop()
    print(f"documents: {manifest['documents']}; quotes: {manifest['quotes']}; "
          f"errors: {manifest['errors']}; output: {args.output}")


if __name__ == "__main__":
    main()
