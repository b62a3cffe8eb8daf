from dlt.hub import run


@run.job(require={"static_egress_ips": True, "region": "eu-west"})
def egress(): ...


__all__ = ["egress"]
