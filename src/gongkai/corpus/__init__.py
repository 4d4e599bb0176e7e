"""Corpus: many published reports into one queryable Parquet dataset, locally or on Dask."""
