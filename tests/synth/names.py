"""Realistic agency names: county/district/city departments and township people's governments."""

from __future__ import annotations

import random
from dataclasses import dataclass

COUNTIES: tuple[str, ...] = (
    "繁峙县", "五台县", "保德县", "宁武县", "代县", "定襄县", "静乐县", "神池县", "岢岚县", "河曲县",
    "偃师区", "孟津区", "新安县", "宜阳县", "汝阳县", "嵩县", "栾川县", "洛宁县", "伊川县", "临漳县",
    "清河县", "涉县", "平乡县", "广宗县", "曲周县", "南和区", "任泽区", "泾阳县", "三原县", "礼泉县",
)
CITIES: tuple[str, ...] = (
    "忻州市", "洛阳市", "邢台市", "咸阳市", "淮安市", "宿迁市", "盐城市", "湖州市", "衢州市", "丽水市",
    "赣州市", "吉安市", "怀化市", "常德市", "岳阳市", "南平市", "三明市", "龙岩市", "绵阳市", "宜宾市",
)
DEPARTMENTS: tuple[str, ...] = (
    "教育局", "卫生健康局", "生态环境局", "自然资源局", "住房和城乡建设局", "市场监督管理局",
    "人力资源和社会保障局", "财政局", "交通运输局", "农业农村局", "民政局", "司法局", "应急管理局",
    "文化和旅游局", "水利局", "审计局", "统计局", "医疗保障局", "退役军人事务局", "林业局",
    "发展和改革局", "工业和信息化局", "商务局", "城市管理局", "行政审批服务管理局",
)
TOWNS: tuple[str, ...] = (
    "平型关", "白家庄", "孙家沟", "杏园", "东冶", "城关", "南坪", "石门", "清水", "大营", "河口",
    "龙泉", "柳林", "桃园", "金山", "砂河", "岩头", "新堡", "阳明堡", "峪口", "缙氏", "府店", "山化",
    "翟镇", "邙岭", "高龙", "大口", "西岭", "马桥", "北社",
)

#: Agency kinds and the audit's deadline family for each (contract: dates.published).
KINDS: tuple[str, ...] = ("county_department", "city_department", "township", "county_government", "city_government")


@dataclass(frozen=True, slots=True)
class Agency:
    name: str  # full name as printed, e.g. "保德县孙家沟镇人民政府"
    short: str  # how the text refers to itself, e.g. "孙家沟镇"
    kind: str  # one of KINDS
    office: str  # the office that compiles the report

    @property
    def is_government(self) -> bool:
        return self.kind in ("county_government", "city_government", "township")

    @property
    def scale(self) -> int:
        """Rough size of the agency's numbers: townships are small, cities large."""
        return {"township": 1, "county_department": 2, "county_government": 3,
                "city_department": 3, "city_government": 4}[self.kind]


def agency(rng: random.Random, kind: str | None = None) -> Agency:
    kind = kind or rng.choice(KINDS)
    county, city = rng.choice(COUNTIES), rng.choice(CITIES)
    if kind == "county_department":
        dept = rng.choice(DEPARTMENTS)
        return Agency(f"{county}{dept}", f"县{dept}" if county.endswith("县") else f"区{dept}", kind,
                      f"{county}{dept}办公室")
    if kind == "city_department":
        dept = rng.choice(DEPARTMENTS)
        return Agency(f"{city}{dept}", f"市{dept}", kind, f"{city}{dept}办公室")
    if kind == "township":
        town = rng.choice(TOWNS) + rng.choice(("镇", "乡"))
        return Agency(f"{county}{town}人民政府", town, kind, f"{town}党政综合办公室")
    if kind == "county_government":
        return Agency(f"{county}人民政府", county, kind, f"{county}人民政府办公室")
    return Agency(f"{city}人民政府", city, kind, f"{city}人民政府办公室")
