"""HTTP errors of the cloud API: JSON ``{"error": "..."}`` bodies, never a stack trace."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from drift.cloud.db import DbUnavailable, InvalidValue
from drift.errors import StorageError

log = logging.getLogger("drift.cloud")


class ApiError(Exception):
    """An answer other than success: status code plus one clear message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


class ErrorBody(BaseModel):
    """Every error response of the API."""

    error: str


def error_response(status: int, message: str) -> JSONResponse:
    """The JSON error response every failure path uses."""
    return JSONResponse({"error": message}, status_code=status)


def bad_request(message: str) -> ApiError:
    return ApiError(400, message)


def not_found(what: str) -> ApiError:
    return ApiError(404, f"{what} not found")


def forbidden(message: str) -> ApiError:
    return ApiError(403, message)


def conflict(message: str) -> ApiError:
    return ApiError(409, message)


def _describe_validation(exc: RequestValidationError) -> str:
    errors = exc.errors()
    if not errors:
        return "Invalid request"
    first: dict[str, Any] = dict(errors[0])
    if first.get("type") == "json_invalid":
        return "Malformed JSON body"
    loc = [str(p) for p in first.get("loc", ()) if p != "body"]
    where = ".".join(loc)
    if first.get("type") == "extra_forbidden":
        return f"Unknown field: {where}"
    if first.get("type") == "missing":
        return f"Missing required field: {where}"
    msg = str(first.get("msg", "invalid value"))
    return f"{where}: {msg}" if where else f"Invalid request body: {msg}"


async def _api_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.message)


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(400, _describe_validation(exc))


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    message = exc.detail if isinstance(exc.detail, str) else "Request failed"
    if exc.status_code == 404 and message == "Not Found":
        message = "Not found"
    return JSONResponse(
        {"error": message}, status_code=exc.status_code, headers=dict(exc.headers or {})
    )


async def _storage_error(request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, InvalidValue):
        # A safety net: request models already refuse what PostgreSQL cannot store.
        log.warning("invalid value on %s %s: %s", request.method, request.url.path, exc)
        return error_response(400, "The request contains a value that cannot be stored")
    if isinstance(exc, DbUnavailable):
        log.warning("database unavailable on %s %s: %s", request.method, request.url.path, exc)
        return error_response(503, "Database unavailable")
    log.error("storage error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "Internal server error")


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return error_response(500, "Internal server error")


def install_error_handlers(app: FastAPI) -> None:
    """Register the JSON error handlers (400 for every validation failure, not 422)."""
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(StorageError, _storage_error)
    app.add_exception_handler(Exception, _unexpected)
