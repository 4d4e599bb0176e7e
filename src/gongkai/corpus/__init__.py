"""Corpus: many published reports into one queryable Parquet dataset, locally or on Dask."""

#: Files per shard. Each shard writes one Parquet file per table and year, and DuckDB pays for every
#: file it opens: 100,000 reports in shards of 64 made 11,000 small files per table and a query over
#: all cells took 41 s. Larger shards mean fewer, larger files; the price is the work a crash loses
#: (the shards in flight, at most two per worker).
DEFAULT_SHARD_SIZE = 500
