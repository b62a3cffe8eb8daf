from dlt.hub import run

import plain_task


@run.job(require={"machine": "large", "region": "eu", "dependency_groups": ["g"]})
def with_machine(): ...


@run.job(require={"machine": "large", "instance": {"size": "small"}})
def machine_and_instance(): ...


@run.interactive(require={"machine": "xl"})
def ui(): ...


__all__ = ["with_machine", "machine_and_instance", "ui", "plain_task"]
