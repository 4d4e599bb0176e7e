"""Validated input for ledger operations (forms, JSON API, Excel import all go through these)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from gongkai.ledger.enums import AppealKind, AppealResult, ApplicantType, Channel, DocumentKind

_EARLIEST = date(2008, 5, 1)  # the first 条例 came into force


class _In(BaseModel):
    model_config = ConfigDict(str_strip_whitespace=True, extra="forbid")


class RequestIn(_In):
    agency_id: int
    applicant_type: ApplicantType
    applicant_name: str = Field(min_length=1, max_length=200)
    contact: str = Field(default="", max_length=200)
    id_number: str = Field(default="", max_length=64)
    channel: Channel
    content: str = Field(min_length=1, max_length=20000)
    received_on: date
    note: str = Field(default="", max_length=20000)
    number: str | None = Field(default=None, max_length=40)

    @field_validator("received_on")
    @classmethod
    def _not_ancient(cls, v: date) -> date:
        if v < _EARLIEST:
            raise ValueError("收到日期早于2008年5月1日，不可能是政府信息公开申请")
        return v


class RequestUpdate(_In):
    """Only the fields given change (``model_fields_set``)."""

    agency_id: int | None = None
    applicant_type: ApplicantType | None = None
    applicant_name: str | None = Field(default=None, min_length=1, max_length=200)
    contact: str | None = Field(default=None, max_length=200)
    id_number: str | None = Field(default=None, max_length=64)
    channel: Channel | None = None
    content: str | None = Field(default=None, min_length=1, max_length=20000)
    received_on: date | None = None
    note: str | None = Field(default=None, max_length=20000)
    number: str | None = Field(default=None, min_length=1, max_length=40)

    @field_validator("received_on")
    @classmethod
    def _not_ancient(cls, v: date | None) -> date | None:
        if v is not None and v < _EARLIEST:
            raise ValueError("收到日期早于2008年5月1日，不可能是政府信息公开申请")
        return v


class AppealIn(_In):
    agency_id: int
    kind: AppealKind
    filed_on: date
    request_id: int | None = None
    result: AppealResult = AppealResult.PENDING
    concluded_on: date | None = None
    note: str = Field(default="", max_length=20000)

    @model_validator(mode="after")
    def _result_has_date(self) -> AppealIn:
        check_appeal_result(self.result, self.concluded_on, self.filed_on)
        return self


def check_appeal_result(result: AppealResult, concluded_on: date | None, filed_on: date) -> None:
    if result is AppealResult.PENDING and concluded_on is not None:
        raise ValueError("尚未审结的案件不应填写审结日期")
    if result is not AppealResult.PENDING and concluded_on is None:
        raise ValueError("已审结的案件须填写审结日期")
    if concluded_on is not None and concluded_on < filed_on:
        raise ValueError("审结日期早于立案（申请）日期")


class DocumentIn(_In):
    agency_id: int
    title: str = Field(min_length=1, max_length=300)
    doc_number: str = Field(default="", max_length=100)
    kind: DocumentKind
    issued_on: date
    repealed_on: date | None = None

    @model_validator(mode="after")
    def _order(self) -> DocumentIn:
        if self.repealed_on is not None and self.repealed_on < self.issued_on:
            raise ValueError("废止日期早于制发日期")
        return self
