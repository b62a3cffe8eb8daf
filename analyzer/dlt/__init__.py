"""The dlt layer: dlt's API as the runtime generator sees it.

It owns the decorators and job factories (`jobs`), triggers, job refs and freshness
constraints (`triggers`) with pendulum's date/time parsing (`isotime`), `config_keys`
(`config_spec`), the objects dlt and the detected frameworks make (`objects`), and the
modules and callables it registers into the python layer (`modules`, `library`).
Importing this package registers them.

It may import the python and source layers.
"""

from dlt_manifest.dlt import library, modules  # noqa: F401  (registration)
