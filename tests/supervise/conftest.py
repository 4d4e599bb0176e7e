"""Shared fixtures: a small county registry written as users write theirs."""

from __future__ import annotations

import pytest

from gongkai.supervise.registry import AgencyKind, Registry, RegistryAgency

COUNTY = [
    RegistryAgency("繁峙县人民政府", AgencyKind.GOVERNMENT, portal="http://www.fanshi.gov.cn/"),
    RegistryAgency("繁峙县人民政府办公室", AgencyKind.DEPARTMENT, "繁峙县人民政府"),
    RegistryAgency("繁峙县市场监督管理局", AgencyKind.DEPARTMENT, "繁峙县人民政府"),
    RegistryAgency("繁峙县人力资源和社会保障局", AgencyKind.DEPARTMENT, "繁峙县人民政府"),
    RegistryAgency("繁峙县城市管理局", AgencyKind.DEPARTMENT, "繁峙县人民政府"),
    RegistryAgency("繁峙县财政局", AgencyKind.DEPARTMENT, "繁峙县人民政府", portal="czj.fanshi.gov.cn"),
    RegistryAgency("繁峙县平型关镇人民政府", AgencyKind.TOWNSHIP, "繁峙县人民政府"),
    RegistryAgency("繁峙县砂河镇人民政府", AgencyKind.TOWNSHIP, "繁峙县人民政府"),
    RegistryAgency("繁峙县繁城镇人民政府", AgencyKind.TOWNSHIP, "繁峙县人民政府"),
]


@pytest.fixture
def county() -> Registry:
    return Registry(list(COUNTY), "county.csv")


# the web/records helper's database fixtures (db_engine, db_factory, db, season)
from tests.supervise.records_db import db, db_engine, db_factory, season  # noqa: E402, F401
