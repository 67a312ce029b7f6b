"""Corpus-scale jobs on Apache Spark: the extractor run unchanged in Spark's executors
(`jobs.spark_extract`), and its Parquet output loaded into the store through the one write
path (`jobs.load`). Nothing here imports Flask; only `jobs.spark_extract` imports pyspark."""
