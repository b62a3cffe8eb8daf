from dlt.hub import run


@run.job(name="close_books", trigger="0 2 1 * *")
def close_month():
    """Closes the books on the first day of each month."""
