"""Configuration specs shared by the export jobs."""

from typing import ClassVar, List, Optional

from dlt.common.configuration import configspec
from dlt.common.configuration.specs import BaseConfiguration, ConnectionStringCredentials
from dlt.common.typing import TSecretStrValue


@configspec
class BaseExportConfig(BaseConfiguration):
    bucket_url: str = None
    file_format: str = "parquet"
    max_files: int = 100
    _internal_flag: bool = False
    retries: int


@configspec
class S3ExportConfig(BaseExportConfig):
    max_files: int = 500
    aws_access_key_id: Optional[str] = None
    aws_secret_access_key: TSecretStrValue = None
    tables: List[str] = None
    credentials: ConnectionStringCredentials = None
    __section__: ClassVar[str] = "s3_export"
    SUPPORTED: ClassVar[List[str]] = ["parquet", "jsonl"]
