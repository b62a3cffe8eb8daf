import dlt


@dlt.source(section="hubspot")
def crm_source():
    @dlt.resource
    def contacts():
        yield []

    return contacts


@dlt.resource
def deals():
    yield []
