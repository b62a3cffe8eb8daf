import datetime
import decimal
from typing import Any, Dict, List, Mapping, Optional, Tuple
import dlt
from dlt.common.typing import TSecretStrValue, TSecretValue
from dlt.hub import run


@run.job
def scalars(
    s: str = "x",
    i: int = 1,
    f: float = 1.5,
    b: bool = True,
    raw: bytes = b"\x00\x01",
    when: datetime.datetime = datetime.datetime(2026, 1, 2, 3, 4, 5, tzinfo=datetime.timezone.utc),
    naive: datetime.datetime = datetime.datetime(2026, 1, 2, 3, 4, 5),
    day: datetime.date = datetime.date(2026, 1, 2),
    tod: datetime.time = datetime.time(1, 2, 3),
    amount: decimal.Decimal = decimal.Decimal("1.50"),
    pair: Tuple[int, str] = (1, "a"),
    ints: List[int] = None,
    m: Mapping[str, int] = None,
    d: Dict[str, Any] = None,
    raw_list: list = None,
    raw_dict: dict = None,
    maybe: Optional[int] = None,
    anything: Any = None,
    untyped=5,
    untyped_none=None,
    required_cfg: str = dlt.config.value,
    required_any=dlt.config.value,
): ...


@run.job
def secrets(
    token: str = dlt.secrets.value,
    untyped_secret=dlt.secrets.value,
    secret_str: TSecretStrValue = dlt.secrets.value,
    secret_any: TSecretValue = dlt.secrets.value,
    optional_secret: Optional[str] = dlt.secrets.value,
): ...


__all__ = ["scalars", "secrets"]
