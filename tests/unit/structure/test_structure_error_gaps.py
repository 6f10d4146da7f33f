"""Error-handling gaps: empty, swallowing and over-broad handlers, per language."""

from __future__ import annotations

import pytest

from drift.analysis.structure.error_gaps import error_gaps
from drift.analysis.structure.file_structure import file_structure
from drift.enforcement.severity import Severity
from drift.enforcement.structural_findings import error_gap_severity
from drift.records.structural import ErrorGapRow
from tests.unit.structure.support import parse, repo


def gap(  # noqa: PLR0917 (a compact row builder keeps the expectations readable)
    file: str,
    function: str,
    gap_type: str,
    error_type: str | None,
    cwe: int,
    severity: str,
    line: int,
) -> ErrorGapRow:
    return ErrorGapRow(
        id=None,
        file=file,
        function_id=function,
        gap_type=gap_type,
        error_type=error_type,
        propagation_chain=None,
        framework=None,
        cwe_id=cwe,
        severity=severity,
        line=line,
    )


def test_python_handlers_are_classified_in_source_order() -> None:
    result = parse(
        "m.py",
        """
        def quiet():
            try:
                work()
            except:
                pass

        def shrug():
            try:
                work()
            except ValueError:
                return None

        def lookup(d, key, default):
            try:
                return d[key]
            except KeyError:
                return default
            for name in key:
                try:
                    d = d[name]
                except KeyError:
                    continue

        def broad():
            try:
                work()
            except Exception as exc:
                log(exc)

        def careful():
            try:
                work()
            except Exception:
                cleanup()
                raise
            try:
                work()
            except ValueError as exc:
                log(exc)

        try:
            import fast
        except ImportError:
            pass

        def drain(it):
            while True:
                try:
                    item = next(it)
                except StopIteration:
                    break
                yield item
        """,
    )
    assert error_gaps("m.py", result) == (
        gap("m.py", "quiet", "empty_catch", None, 390, "high", 4),
        gap("m.py", "shrug", "swallowed", "ValueError", 390, "low", 10),
        gap("m.py", "broad", "broad_catch", "Exception", 396, "low", 27),
        # ``except KeyError: return default``: a lookup's fallback (jinja2's ``Context.get``),
        # and ``continue`` past an item that has none (marshmallow's schema fields);
        # ``except ImportError``: an optional dependency, the idiom for it (DRF's compat module);
        # ``except StopIteration``: an iterator's end, no error
    )


def test_javascript_empty_catch_and_promise_handler() -> None:
    result = parse(
        "a.js",
        """
        function load() {
          try { read(); } catch (e) {}
          fetchIt().catch(() => {});
          fetchIt().catch((err) => { report(err); });
        }
        """,
    )
    assert error_gaps("a.js", result) == (
        gap("a.js", "load", "empty_catch", None, 390, "medium", 2),  # one per handler
        gap("a.js", "load", "empty_catch", None, 390, "medium", 3),
    )


def test_a_typescript_catch_annotation_does_not_lower_the_severity() -> None:
    result = parse(
        "a.ts",
        """
        function load() {
          try { read(); } catch (e) {}
          try { read(); } catch (e: any) {}
          try { read(); } catch (e: unknown) {}
        }
        """,
    )
    assert [(g.error_type, g.severity) for g in error_gaps("a.ts", result)] == [
        (None, "medium"),
        (None, "medium"),  # `any` and `unknown` type the variable, they filter nothing
        (None, "medium"),
    ]


def test_a_python_handler_that_logs_the_active_exception_is_broad_not_swallowing() -> None:
    result = parse(
        "svc.py",
        """
        def save():
            try:
                store()
            except Exception:
                logger.exception("save failed")
            try:
                store()
            except Exception:
                traceback.print_exc()
            try:
                store()
            except Exception:
                logger.warning("save failed", exc_info=True)
            try:
                store()
            except Exception:
                logger.warning("save failed")
        class Handler(logging.Handler):
            def emit(self, record):
                try:
                    write(record)
                except Exception:
                    self.handleError(record)
        class Console(code.InteractiveConsole):
            def run(self, source):
                try:
                    exec(source)
                except Exception:
                    self.showtraceback()
        """,
    )
    assert [(g.gap_type, g.severity, g.line) for g in error_gaps("svc.py", result)] == [
        ("broad_catch", "low", 4),  # the traceback is logged: caught broadly, not lost
        ("broad_catch", "low", 8),
        ("broad_catch", "low", 12),
        ("swallowed", "medium", 16),  # only a message: the error itself is gone
        ("broad_catch", "low", 22),  # logging's own report of an error in emit()
        ("broad_catch", "low", 28),  # the console prints the active traceback (werkzeug)
    ]


def test_java_generic_catch_that_logs_is_broad() -> None:
    result = parse(
        "A.java",
        """
        class A {
            void run() {
                try { go(); } catch (Throwable t) { LOG.warn(t); }
                try { go(); } catch (IOException e) { throw new RuntimeException(e); }
            }
        }
        """,
    )
    assert error_gaps("A.java", result) == (
        gap("A.java", "A.run", "broad_catch", "Throwable", 396, "low", 3),
    )


def test_a_java_catch_all_handing_the_error_to_a_call_passes_it_on() -> None:
    # java.net.http's asynchronous code: ``catch (Throwable t) { cancelImpl(t);
    # bodySentCF.completeExceptionally(t); }`` (Http1Exchange) hands the error to whoever waits
    # on the future, as a rethrow would. Logging it, printing its trace or turning it into
    # text (``return String.valueOf(t)``) hands nothing on.
    result = parse(
        "A.java",
        """
        class A {
            CompletableFuture<Void> run() {
                try { go(); } catch (Throwable t) { cancelImpl(t); cf.completeExceptionally(t); }
                try { go(); } catch (Throwable t) { return MinimalFuture.failedFuture(t); }
                try { go(); } catch (Throwable t) { handleError(checkForHandshake(t)); }
                try { go(); } catch (Exception e) { onError(new IOException("read", e)); }
                try { go(); } catch (Throwable t) { errorRef.compareAndSet(null, t); }
                try { go(); } catch (Throwable t) { executor.execute(() -> signalError(t)); }
                try { go(); } catch (Throwable t) { debug.log("failed", t); }
                try { go(); } catch (Throwable t) { Log.logError(t); }
                try { go(); } catch (Throwable t) { LOGGER.log(Level.WARNING, "x", (Object) t); }
                try { go(); } catch (Exception e) { e.printStackTrace(); }
                try { go(); } catch (Exception e) { System.err.println(e); }
                try { go(); } catch (Throwable t) { return String.valueOf(t); }
                try { go(); } catch (Throwable t) { debug.log("x", describe(t)); }
                try { go(); } catch (Throwable t) { Log.logTrace("{0}", t.toString()); }
                return null;
            }
        }
        """,
    )
    assert [(g.gap_type, g.line) for g in error_gaps("A.java", result)] == [
        ("broad_catch", 9),
        ("broad_catch", 10),
        ("broad_catch", 11),
        ("broad_catch", 12),
        ("broad_catch", 13),
        ("broad_catch", 14),
        ("broad_catch", 15),
        ("broad_catch", 16),
    ]


def test_a_python_catch_all_handing_the_error_to_a_call_passes_it_on() -> None:
    # asyncio's ``except BaseException as exc: fut.set_exception(exc)``: the future's awaiter
    # gets the error; logging or printing it, or only its text, does not hand it on.
    result = parse(
        "m.py",
        """
        def run(fut, callback):
            try:
                go()
            except BaseException as exc:
                fut.set_exception(exc)
            try:
                go()
            except Exception as e:
                callback(error=e)
            try:
                go()
            except Exception as e:
                logger.warning("failed: %s", e)
            try:
                go()
            except Exception as e:
                self._log.error(e)
            try:
                go()
            except Exception as e:
                print(e, file=sys.stderr)
            try:
                go()
            except Exception as e:
                warnings.warn(str(e))
            try:
                go()
            except Exception as e:
                return repr(e)
            try:
                go()
            except Exception as e:
                util.debug("decref failed %s", e)
            try:
                go()
            except Exception as e:
                if getattr(e, "errno", 0) == errno.EPIPE or isinstance(e, OSError):
                    return
            try:
                go()
            except Exception as e:
                return f"failed: {self._format_exc(e)}"
        """,
    )
    assert [(g.gap_type, g.line) for g in error_gaps("m.py", result)] == [
        ("broad_catch", 12),
        ("broad_catch", 16),
        ("broad_catch", 20),
        ("broad_catch", 24),
        ("broad_catch", 28),
        ("broad_catch", 32),  # multiprocessing's ``util.debug``: a logger's level method
        ("broad_catch", 36),  # looking at the error hands nothing on
        ("broad_catch", 41),
    ]


def test_a_javascript_catch_handing_the_error_to_a_call_rethrows() -> None:
    # ``catch (err) { reject(err) }`` hands the error on (the ``rethrow`` property packs
    # match); ``console.error(err)`` only reports it.
    result = parse(
        "a.js",
        """
        function run(reject) {
          try { go(); } catch (err) { reject(err); }
          try { go(); } catch (err) { console.error(err); }
          try { go(); } catch (err) { done(String(err)); }
        }
        """,
    )
    handlers = [h for h in result.error_handlers if h.kind == "catch"]
    assert [(h.line, h.rethrows) for h in handlers] == [(2, True), (3, False), (4, False)]


def test_a_java_catch_all_storing_the_error_for_later_passes_it_on() -> None:
    # java.net.http's ``catch (Throwable t1) { first = t1; }`` (WebSocketImpl.close, the
    # fields rethrown or reported in its ``finally``), ``catch (Throwable th) { t = th; }`` read
    # after the handler (RequestPublishers): the error is kept for code that reports it. A local
    # nobody reads afterwards, or only the error's text, keeps nothing.
    result = parse(
        "A.java",
        """
        class A {
            Throwable failure;
            void run(List<Throwable> errors) {
                Throwable t = null;
                try { go(); } catch (Throwable x) { this.failure = x; }
                try { go(); } catch (Throwable x) { failure = x; }
                try { go(); } catch (Throwable x) { if (failure == null) failure = (Throwable) x; }
                try { go(); } catch (Throwable x) { t = x; }
                try { go(); } catch (Throwable x) { errors.add(x); }
                try { go(); } catch (Exception x) { failure = new CompletionException(x); }
                if (t != null) throw new RuntimeException(t);
                Exception last = null;
                for (int i = 0; i < 3 && last == null; i++) {
                    try { go(); } catch (Exception x) { last = x; }
                }
                try { go(); } catch (Throwable x) { Throwable dead = x; }
                Throwable unread = null;
                try { go(); } catch (Throwable x) { unread = x; }
                String message = null;
                try { go(); } catch (Throwable x) { message = x.getMessage(); }
                try { go(); } catch (Throwable x) { this.message = x.toString(); }
                try { go(); } catch (Exception x) { msg += x; }
                log(message);
            }
        }
        """,
    )
    assert [(g.gap_type, g.line) for g in error_gaps("A.java", result)] == [
        ("broad_catch", 16),
        ("broad_catch", 18),
        ("broad_catch", 20),
        ("broad_catch", 21),
        ("broad_catch", 22),
    ]


def test_a_python_catch_all_storing_the_error_for_later_passes_it_on() -> None:
    # ``self._exc = exc``, ``errors.append(exc)``, asyncio's staggered ``exceptions[this_index]
    # = e``, a ``nonlocal``/``global`` variable, a local read after the handler: kept for code
    # that reports or raises it. A local never read again, the error's text or class, are not.
    result = parse(
        "m.py",
        """
        def run(self, errors, exceptions, i):
            error = None
            try:
                go()
            except Exception as exc:
                self._exc = exc
            try:
                go()
            except Exception as exc:
                errors.append(exc)
            try:
                go()
            except BaseException as e:
                exceptions[i] = e
            try:
                go()
            except Exception as exc:
                error = exc
            if error is not None:
                raise error
            try:
                go()
            except Exception as exc:
                unread = exc
            try:
                go()
            except Exception as exc:
                self.message = str(exc)
            try:
                go()
            except Exception as exc:
                kind = exc.__class__
            return kind

        def outer():
            failure = None
            def inner():
                nonlocal failure
                try:
                    go()
                except Exception as exc:
                    failure = exc
            return inner
        """,
    )
    assert [(g.gap_type, g.line) for g in error_gaps("m.py", result)] == [
        ("broad_catch", 23),
        ("broad_catch", 27),
        ("broad_catch", 31),
    ]


def test_a_javascript_catch_storing_the_error_rethrows() -> None:
    # ``catch (err) { lastError = err }`` with ``lastError`` the module's, or ``this.error =
    # err``: kept for later; a ``const`` of the handler's own dies with it.
    result = parse(
        "a.js",
        """
        let lastError;
        function run() {
          try { go(); } catch (err) { lastError = err; }
          try { go(); } catch (err) { this.error = err; }
          try { go(); } catch (err) { const copy = err; }
          let seen;
          try { go(); } catch (err) { seen = err; }
        }
        """,
    )
    handlers = [h for h in result.error_handlers if h.kind == "catch"]
    assert [(h.line, h.rethrows) for h in handlers] == [
        (3, True),
        (4, True),
        (5, False),
        (7, False),
    ]


def test_a_go_error_skipped_in_a_loop_is_a_low_gap() -> None:
    # viper's ``for _, rp := range v.remoteProviders { val, err := v.watchRemoteConfig(rp); if
    # err != nil { continue } … }``: the next item is tried, but why this one failed is lost
    # (viper's twin ``getKeyValueConfig`` logs it before ``continue``). Skipping what fails to
    # parse is often deliberate (Go's own cert_pool, cookiejar, pem), yet a Go error names no
    # failed lookup as Python's ``except KeyError: continue`` does: it is Python's ``except
    # ValueError: continue``, a low gap that warns and never fails the gate. An error kept before
    # skipping (net/url's ``if err == nil { err = err1 }; continue``) is used: no gap.
    result = parse(
        "x.go",
        """
        package x

        func F(items []string) error {
            var first error
            for _, item := range items {
                v, err := get(item)
                if err != nil {
                    continue
                }
                use(v)
                w, err1 := get(item)
                if err1 != nil {
                    if first == nil {
                        first = err1
                    }
                    continue
                }
                use(w)
            }
            return first
        }
        """,
    )
    gaps = error_gaps("x.go", result)
    assert gaps == (gap("x.go", "F", "swallowed", None, 390, "low", 7),)
    assert error_gap_severity(gaps[0].gap_type, gaps[0].severity) == Severity.WARNING


def test_a_java_interrupt_restored_or_remembered_and_assert_false_pass_it_on() -> None:
    # AbstractQueuedSynchronizer's ``catch (InterruptedException ie) { interrupted = true; }``
    # (re-asserted later), and ``catch (TimeoutException cannotHappen) { assert false; }``.
    result = parse(
        "A.java",
        """
        class A {
            void run() {
                try { go(); } catch (InterruptedException ie) { interrupted = true; }
                try { go(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); }
                try { go(); } catch (TimeoutException cannotHappen) { assert false; }
                try { go(); } catch (InterruptedException e) { count++; }
            }
        }
        """,
    )
    assert error_gaps("A.java", result) == (
        gap("A.java", "A.run", "swallowed", "InterruptedException", 390, "low", 6),
    )


def test_an_error_named_ignored_is_dropped_on_purpose() -> None:
    # java.util.concurrent: all 12 ``high`` empty catches were ``catch (Throwable ignore) {}``.
    result = parse(
        "A.java",
        """
        class A {
            void run() {
                try { go(); } catch (Throwable ignore) {}
                try { go(); } catch (Exception ignored) { return; }
                try { go(); } catch (Exception e) {}
                try { go(); } catch (Exception _e) {}
            }
        }
        """,
    )
    assert error_gaps("A.java", result) == (
        gap("A.java", "A.run", "empty_catch", "Throwable", 390, "low", 3),
        gap("A.java", "A.run", "swallowed", "Exception", 390, "low", 4),
        gap("A.java", "A.run", "empty_catch", "Exception", 390, "high", 5),
        gap("A.java", "A.run", "empty_catch", "Exception", 390, "low", 6),  # zod's ``_err``
    )


def test_a_predicate_answering_false_swallows_nothing() -> None:
    # httpx's ``is_ipv4_hostname(…) -> bool`` and click's probes: ``except Exception: return
    # False`` tells the caller by the value; without ``-> bool`` it still swallows.
    result = parse(
        "probe.py",
        """
        def is_ipv4(host: str) -> bool:
            try:
                parse(host)
            except Exception:
                return False
            return True


        def lookup(host):
            try:
                return parse(host)
            except Exception:
                return False
        """,
    )
    assert error_gaps("probe.py", result) == (
        gap("probe.py", "is_ipv4", "broad_catch", "Exception", 396, "low", 4),
        gap("probe.py", "lookup", "swallowed", "Exception", 390, "medium", 12),
    )


def test_an_undeclared_predicate_named_as_one_answering_false_swallows_nothing() -> None:
    # peewee's ``is_connection_usable``, ``_can_reuse``, ``fts5_installed``: untyped probes
    # made 10 of its 17 errors. A name asking nothing (``lookup`` above) still swallows.
    result = parse(
        "probe.py",
        """
        def is_connection_usable(conn):
            try:
                conn.ping()
            except Exception:
                return False
            return True


        def fts5_installed():
            try:
                load()
            except Exception:
                return False


        def isolate(x):
            try:
                load()
            except Exception:
                return False
        """,
    )
    assert error_gaps("probe.py", result) == (
        gap("probe.py", "is_connection_usable", "broad_catch", "Exception", 396, "low", 4),
        gap("probe.py", "fts5_installed", "broad_catch", "Exception", 396, "low", 12),
        gap("probe.py", "isolate", "swallowed", "Exception", 390, "medium", 19),
    )


def test_a_lookup_that_makes_and_remembers_its_fallback_swallows_nothing() -> None:
    # structlog's contextvars: ``except KeyError: var = ContextVar(…); _VARS[key] = var``.
    result = parse(
        "cv.py",
        """
        def get_var(key):
            try:
                var = _VARS[key]
            except KeyError:
                var = ContextVar(key)
                _VARS[key] = var
            return var


        def noisy(key):
            try:
                return _VARS[key]
            except KeyError:
                log(key)
                return None
        """,
    )
    assert error_gaps("cv.py", result) == (
        gap("cv.py", "noisy", "swallowed", "KeyError", 390, "low", 13),
    )


def test_a_django_lookup_failure_answered_with_a_default_swallows_nothing() -> None:
    # DRF: ``except ObjectDoesNotExist: return None`` (fields.py), ``except NoReverseMatch:
    # return None`` (reverse.py, routers.py), ``except FieldDoesNotExist`` (filters.py),
    # ``(queryset.model.DoesNotExist, User.DoesNotExist)``; a fallback chosen by an ``if``. A
    # malformed value answered with a default (``ValueError``, ``ValidationError``) is no
    # lookup: those stay low gaps, alone or with a lookup error (pagination.py's ``except
    # (KeyError, ValueError): return 0``), and ``MultipleObjectsReturned`` is duplicated data,
    # no absence.
    result = parse(
        "views.py",
        """
        def get_attribute(instance, attr):
            try:
                return instance[attr]
            except ObjectDoesNotExist:
                return None


        def url(name):
            try:
                return reverse(name)
            except NoReverseMatch:
                return None


        def field(opts, name):
            try:
                field = opts.get_field(name)
            except FieldDoesNotExist:
                if prev_field and prev_field.get_lookup(name):
                    return name
                elif name == "pk":
                    field = opts.pk
                else:
                    field = None
            try:
                return qs.get(user=user)
            except (queryset.model.DoesNotExist, User.DoesNotExist):
                return None


        def get_offset(params):
            try:
                return int(params["offset"])
            except (KeyError, ValueError):
                return 0


        def get_one(qs):
            try:
                return qs.get()
            except qs.model.MultipleObjectsReturned:
                return None
        """,
    )
    assert error_gaps("views.py", result) == (
        gap("views.py", "get_offset", "swallowed", "KeyError,ValueError", 390, "low", 34),
        gap("views.py", "get_one", "swallowed", "qs.model.MultipleObjectsReturned", 390, "low", 41),
    )


def test_go_empty_error_check() -> None:
    result = parse(
        "x.go",
        """
        package x

        func F() error {
            err := g()
            if err != nil {
            }
            if err := h(); err != nil {
                return err
            }
            return nil
        }
        """,
    )
    assert error_gaps("x.go", result) == (gap("x.go", "F", "empty_catch", None, 390, "medium", 5),)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        (
            "naming-python",
            gap(
                "billing/payments.py",
                "PaymentGateway.void_payment",
                "empty_catch",
                "Exception",
                390,
                "high",
                40,
            ),
        ),
        (
            "naming-typescript",
            gap(
                "src/services/cart.ts",
                "CartService.persist",
                "empty_catch",
                None,
                390,
                "medium",
                40,
            ),
        ),
        (
            "naming-javascript",
            gap("lib/cli.js", "runCommand", "empty_catch", None, 390, "medium", 22),
        ),
        (
            "naming-go",
            gap(
                "internal/store/cache.go", "Store.Prefetch", "empty_catch", None, 390, "medium", 21
            ),
        ),
        (
            "naming-java",
            gap(
                "src/main/java/com/acme/shop/OrderService.java",
                "OrderService.archiveOrders",
                "empty_catch",
                "Exception",
                390,
                "high",
                52,
            ),
        ),
    ],
)
def test_each_fixture_repo_has_exactly_its_one_swallowing_handler(
    name: str, expected: ErrorGapRow
) -> None:
    results, texts = repo(name)
    gaps = [
        g for path in results for g in file_structure(path, results[path], texts[path]).error_gaps
    ]
    assert gaps == [expected]


def test_an_empty_handler_of_named_types_is_low_and_warns() -> None:
    result = parse(
        "B.java",
        """
        class B {
            void run() {
                try { go(); } catch (FileNotFoundException e) {}
                try { go(); } catch (Exception e) {}
            }
        }
        """,
    )
    gaps = error_gaps("B.java", result)
    assert [(g.error_type, g.severity) for g in gaps] == [
        ("FileNotFoundException", "low"),  # a deliberate idiom: ignore this one error
        ("Exception", "high"),
    ]
    assert [error_gap_severity(g.gap_type, g.severity) for g in gaps] == [
        Severity.WARNING,
        Severity.ERROR,
    ]


@pytest.mark.parametrize(
    ("path", "code"),
    [
        (
            "s.ts",
            """
            export function close(c: Controller) {
                try { c.close() } catch {
                    // already closed by the reader
                }
                try { c.close() } catch {}
            }
            """,
        ),
        (
            "s.py",
            """
            def close(c):
                try:
                    c.close()
                except Exception:
                    # already closed by the reader
                    pass
                try:
                    c.close()
                except Exception:
                    pass
            """,
        ),
        (
            "B.java",
            """
            class B {
                void close(C c) {
                    try { c.close(); } catch (Exception e) { /* already closed */ }
                    try { c.close(); } catch (Exception e) {} go(); // about go
                }
            }
            """,
        ),
        (
            "S.java",
            """
            class S {
                void close(C c) {
                    try { c.close(); } catch (Exception e) {} // already closed
                    try { c.close(); } catch (Exception e) {}
                    next(); // a comment about the next statement
                }
            }
            """,
        ),
        # Between the try block and its catch: nothing else stands there (java.xml).
        (
            "SchemaParsingConfig.java",
            """
            class SchemaParsingConfig {
                void reset(P p) {
                    try { p.reset(); }
                    // ignore the exception
                    catch (Exception e) {}
                    try { p.reset(); } catch (Exception e) {}
                }
            }
            """,
        ),
        (
            "DOMSerializerImpl.java",
            """
            class DOMSerializerImpl {
                void close(P p) {
                    try { p.close(); } // Ignore all other exceptions and errors
                    catch (Throwable t) {}
                    try { p.close(); } catch (Throwable t) {}
                }
            }
            """,
        ),
        # A try that only throws catches its own error on purpose (react-redux's warning).
        (
            "warning.ts",
            """
            export function warning(message: string) {
              try {
                // thrown so that "break on all exceptions" pauses here
                throw new Error(message)
              } catch (e) {}
              try { report(message) } catch (e) {}
            }
            """,
        ),
        # A handler named for doing nothing (TanStack Query's hydration.ts) says so itself, as
        # ``catch (ignored)`` does; and a comment explains a chain's link.
        (
            "hydration.ts",
            """
            export function hydrate(promise: Promise<void>) {
              promise?.catch(noop)
              promise.catch(() => {})
            }
            """,
        ),
        (
            "chain.js",
            """
            export function load(p) {
              return p.then(noop)
                // retried later: the error is not lost
                .catch(() => {})
                .then(() => p.catch(() => {}))
            }
            """,
        ),
        # On the line above the statement that holds the handler (redux-toolkit, the JDK).
        (
            "lifecycle.ts",
            """
            export function track(p: Promise<void>) {
              // prevent uncaught promise rejections from happening.
              p.catch(() => {})
              p.catch(() => {})
            }
            """,
        ),
    ],
)
def test_an_empty_handler_whose_comment_says_why_is_low_and_warns(path: str, code: str) -> None:
    gaps = error_gaps(path, parse(path, code))
    assert len(gaps) == 2
    assert (gaps[0].gap_type, gaps[0].severity) == ("empty_catch", "low")
    assert gaps[1].gap_type == "empty_catch"
    assert gaps[1].severity in {"high", "medium"}  # no comment: as before
    assert [error_gap_severity(g.gap_type, g.severity) for g in gaps] == [
        Severity.WARNING,
        Severity.ERROR,
    ]


@pytest.mark.parametrize(
    ("path", "code"),
    [
        (
            "Client.java",
            """
            class Client {
                void stop() {
                    // close all streams
                    try { closeAll(); } catch (Throwable t) {}
                }
            }
            """,
        ),
        (
            "first.py",
            """
            def load(raw):
                # read the user's settings
                try:
                    return parse(raw)
                except Exception:
                    pass
            """,
        ),
        (
            "trailing.ts",
            """
            export function f(p: Promise<void>) {
              go(); // a comment about go
              p.catch(() => {})
            }
            """,
        ),
    ],
)
def test_a_comment_over_a_try_or_ending_a_line_of_code_explains_nothing(
    path: str, code: str
) -> None:
    # Over a ``try`` a comment tells what the block does; at the end of the line above, it is
    # about that line.
    (gap,) = error_gaps(path, parse(path, code))
    assert gap.severity in {"high", "medium"}


@pytest.mark.parametrize("path", ["tests/test_teardown.py", "app/conftest.py", "app/test_io.py"])
def test_a_gap_in_test_code_is_low_and_warns(path: str) -> None:
    code = """
    def test_teardown_survives_an_error():
        try:
            raise Exception("dummy")
        except Exception:
            pass
    """
    gaps = error_gaps(path, parse(path, code))
    assert [(g.gap_type, g.severity) for g in gaps] == [("empty_catch", "low")]
    assert error_gap_severity(gaps[0].gap_type, gaps[0].severity) == Severity.WARNING
    # (a ``try`` that only raises catches its own error on purpose: low in product code too)
    io = code.replace('raise Exception("dummy")', "close_all()")
    product = error_gaps("app/io.py", parse("app/io.py", io))
    assert [(g.gap_type, g.severity) for g in product] == [("empty_catch", "high")]


def test_a_swallowing_handler_that_opens_with_a_reason_is_low_but_a_todo_is_not() -> None:
    code = """
    def load(cache):
        try:
            return cache.read()
        except Exception:  # the cache is optional: a miss costs only time
            return None
        try:
            return cache.read()
        except Exception:
            # TODO: tell the user
            return None
        try:
            return cache.read()
        except Exception:
            # FIXME
            pass
        try:
            return cache.read()
        except Exception:
            value = None  # not a reason: a comment on a later line
            return value
    """
    gaps = error_gaps("cache.py", parse("cache.py", code))
    assert [(g.gap_type, g.severity, g.line) for g in gaps] == [
        ("swallowed", "low", 4),
        ("swallowed", "medium", 8),  # unfinished work is no reason
        ("empty_catch", "high", 13),
        ("swallowed", "medium", 18),
    ]


def test_a_gap_in_a_finalizer_is_low() -> None:
    code = """
    class Stream:
        def __del__(self):
            try:
                self.close()
            except Exception:
                pass

        def close(self):
            try:
                self.flush()
            except Exception:
                pass
    """
    gaps = error_gaps("io.py", parse("io.py", code))
    assert [(g.function_id, g.severity) for g in gaps] == [
        ("Stream.__del__", "low"),  # nobody to hand the error to
        ("Stream.close", "high"),
    ]


@pytest.mark.parametrize(
    "directive",
    [
        "# noqa: BLE001",
        "# noqa",
        "# drift-ignore: ERR-1",
        "# type: ignore[misc]",
        "# pragma: no cover",
        "# pylint: disable=broad-except",
        "# nosec B110",
        "# noqa: BLE001  # pylint: disable=broad-except",
    ],
)
def test_a_tool_directive_on_a_generic_handler_explains_nothing(directive: str) -> None:
    code = f"""
    def render(plugin):
        try:
            return plugin.render()
        except Exception:  {directive}
            return None
        try:
            plugin.close()
        except Exception:  {directive}
            pass
    """
    gaps = error_gaps("render.py", parse("render.py", code))
    assert [(g.gap_type, g.severity) for g in gaps] == [
        ("swallowed", "medium"),
        ("empty_catch", "high"),
    ]
    assert {error_gap_severity(g.gap_type, g.severity) for g in gaps} == {Severity.ERROR}


@pytest.mark.parametrize(
    "comment",
    [
        "# noqa: BLE001 - plugin errors must not stop the render",
        "# drift-ignore: ERR-1 plugins are untrusted",
        "# plugin errors must not stop the render  # noqa: BLE001",
    ],
)
def test_words_after_a_directive_still_explain(comment: str) -> None:
    code = f"""
    def render(plugin):
        try:
            return plugin.render()
        except Exception:  {comment}
            return None
    """
    gaps = error_gaps("render.py", parse("render.py", code))
    assert [(g.gap_type, g.severity) for g in gaps] == [("swallowed", "low")]


@pytest.mark.parametrize(
    ("path", "code", "severities"),
    [
        (
            "a.ts",
            """
            export function f(c: C) {
                try { c.close() } catch { /* eslint-disable-line no-empty */ }
                try { c.close() } catch {} // @ts-ignore
                try { c.close() } catch {} // eslint-disable-line no-empty -- closed already
            }
            """,
            ["medium", "medium", "low"],
        ),
        (
            "A.java",
            """
            class A {
                void f(C c) {
                    try { c.close(); } catch (Exception e) {} // NOLINT
                    try { c.close(); } catch (Exception e) { /* NOSONAR */ }
                    try { c.close(); } catch (Exception e) {} // closed already
                }
            }
            """,
            ["high", "high", "low"],
        ),
        (
            "g.go",
            """
            package g

            func f(c C) {
                if err := c.Close(); err != nil { //nolint:errcheck
                }
                if err := c.Close(); err != nil { //nolint:errcheck // closing twice is harmless
                }
            }
            """,
            ["medium", "low"],
        ),
    ],
)
def test_directives_explain_nothing_in_other_languages(
    path: str, code: str, severities: list[str]
) -> None:
    gaps = error_gaps(path, parse(path, code))
    assert [g.severity for g in gaps] == severities


def test_a_try_that_only_throws_an_error_it_builds_with_a_call_is_no_deliberate_throw() -> None:
    code = """
    export function warn(message: string, raw: string) {
      try { throw new Error(message) } catch (e) {}
      try { throw buildError(JSON.parse(raw)) } catch (e) {}
      try { throw new Error(JSON.stringify(raw)) } catch (e) {}
    }
    """
    gaps = error_gaps("w.ts", parse("w.ts", code))
    assert [gap.severity for gap in gaps] == ["low", "medium", "medium"]


def test_raising_helpers_and_a_parameter_named_exc_info() -> None:
    # DRF: a parameter named ``exc_info`` had hidden a swallowed error; Flask's ``abort(404)``
    # raises; node:test's ``t.assert.fail()`` throws.
    code = """
    def detail(exc_info):
        try:
            d = exc_info.x
        except ValueError:
            return exc_info.y

    def first(query):
        try:
            return query.one()
        except LookupError:
            abort(404)
    """
    assert [(g.gap_type, g.line) for g in error_gaps("a.py", parse("a.py", code))] == [
        ("swallowed", 4)
    ]
    js = 'test("x", () => { p.catch(() => { t.assert.fail("no") }) })\n'
    assert error_gaps("a.test.js", parse("a.test.js", js)) == ()


def test_a_comment_over_a_python_except_says_why() -> None:
    # Django's templatetags/tz.py: "Filters must never raise exceptions, so catch everything."
    result = parse(
        "tz.py",
        """
        def localtime(value):
            try:
                return convert(value)
            # Filters must never raise exceptions, so catch everything.
            except Exception:
                return ""
            try:
                return convert(value)
            except Exception:
                return ""
        """,
    )
    assert [g.severity for g in error_gaps("tz.py", result)] == ["low", "medium"]


def test_a_handler_calling_what_never_returns_reraises() -> None:
    # SQLAlchemy: ``except BaseException as e: self._handle_dbapi_exception(e, …)``, annotated
    # ``-> NoReturn``; ``with util.safe_reraise():``.
    result = parse(
        "base.py",
        """
        from typing import NoReturn

        class Connection:
            def _handle(self, e) -> NoReturn:
                raise RuntimeError(e)

            def run(self):
                try:
                    go()
                except Exception as e:
                    self._handle(e)
                try:
                    go()
                except Exception:
                    with util.safe_reraise():
                        cleanup()
                try:
                    go()
                except Exception:
                    cleanup()
        """,
    )
    assert [(g.line, g.gap_type) for g in error_gaps("base.py", result)] == [(19, "swallowed")]


_EXPECTING_JS = """
const test = require('node:test')
test('throws on a missing handler', (t) => {
  t.plan(4)
  try {
    fastify.route({ method: 'GET', url: '/' })
    t.assert.fail()
  } catch (e) {
    t.assert.ok(true)
  }
  try {
    fastify.addHook('onRequest', () => {})
    t.fail('added after listen')
  } catch (e) {
    done()
  }
  try {
    build()
    expect.fail('should throw')
  } catch (e) {}
  try {
    build()
  } catch (e) {
    t.assert.ok(true)
  }
  try {
    t.assert.fail()
    build()
  } catch (e) {
    cleanup()
  }
})
"""


def test_a_test_that_expects_an_error_loses_none() -> None:
    # fastify's test/throw.test.js: ``try { fastify.get('/foo/1', ''); t.assert.fail() } catch
    # (e) { t.assert.ok(true) }``, 27 of its 35 violations: the test fails unless the call
    # throws, so the handler is the outcome it checks. Likewise a handler that asserts. A
    # failing assertion that is not the ``try``'s last statement says nothing.
    path = "test/throw.test.js"
    assert error_gaps(path, parse(path, _EXPECTING_JS)) == (
        gap(path, f"{path}::throws on a missing handler@2", "swallowed", None, 390, "low", 28),
    )
    # In product code the idiom means nothing: every handler stays what it was.
    product = error_gaps("lib/route.js", parse("lib/route.js", _EXPECTING_JS))
    assert [(g.gap_type, g.line) for g in product] == [
        ("swallowed", 7),
        ("swallowed", 13),
        ("empty_catch", 19),
        ("swallowed", 22),
        ("swallowed", 28),
    ]


def test_a_python_or_java_test_that_expects_an_error_loses_none() -> None:
    code = """
    import pytest

    class ParseTest(unittest.TestCase):
        def test_rejects(self):
            try:
                parse("x")
                self.fail("no error")
            except ValueError:
                pass
            try:
                parse("x")
            except ValueError:
                pass
            else:
                self.fail("no error")
            try:
                parse("x")
            except Exception:
                self.assertTrue(True)
            try:
                parse("x")
            except Exception as exc:
                self.assertIn("bad", str(exc))
            try:
                parse("x")
            except ValueError:
                cleanup()

    def test_pytest():
        try:
            parse("x")
            pytest.fail("no error")
        except ValueError:
            pass
    """
    path = "tests/test_parse.py"
    assert [(g.function_id, g.gap_type, g.line) for g in error_gaps(path, parse(path, code))] == [
        ("ParseTest.test_rejects", "swallowed", 26)
    ]
    product = error_gaps("app/parse.py", parse("app/parse.py", code))
    assert [(g.gap_type, g.line) for g in product] == [
        ("empty_catch", 8),
        ("empty_catch", 12),
        ("swallowed", 18),
        ("broad_catch", 22),
        ("swallowed", 26),
        ("empty_catch", 33),
    ]
    java = """
    class ParserTest {
        @Test
        void rejects() {
            try {
                parse("x");
                fail("no error");
            } catch (IllegalArgumentException e) {
            }
            try {
                parse("x");
            } catch (IllegalArgumentException e) {
            }
        }
    }
    """
    path = "src/test/java/ParserTest.java"
    assert [(g.gap_type, g.line) for g in error_gaps(path, parse(path, java))] == [
        ("empty_catch", 11)
    ]


def test_a_handler_that_hands_on_an_error_it_makes_reports_it() -> None:
    # fastify's lib/content-type-parser.js: ``catch { done(new FST_ERR_CTP_INVALID_JSON_BODY(),
    # undefined) }`` was "swallowed": the failure goes to the callback as an error of its own.
    # An error made and kept, or a call given something else, hands nothing on.
    js = """
    function parse(body, done, reject, reply) {
      try { ok(JSON.parse(b)) } catch { done(new FST_ERR_CTP_INVALID_JSON_BODY(), undefined) }
      try { work() } catch { reject(new Error('bad body')) }
      try { work() } catch { reply.send(new createError.BadRequest()) }
      p.catch(() => done(new TypeError('closed')))
      try { work() } catch { const e = new Error('kept') }
      try { work() } catch { done(new Response('fallback')) }
      try { work() } catch { done(null, undefined) }
    }
    """
    assert [(g.gap_type, g.line) for g in error_gaps("lib/p.js", parse("lib/p.js", js))] == [
        ("swallowed", 6),
        ("swallowed", 7),
        ("swallowed", 8),
    ]
    java = """
    class P {
        void run(Callback cb) {
            try { work(); } catch (IOException e) { cb.onError(new ParseException("bad")); }
            try { work(); } catch (IOException e) { cb.onResult(new Result()); }
        }
    }
    """
    assert [(g.gap_type, g.line) for g in error_gaps("P.java", parse("P.java", java))] == [
        ("swallowed", 4)
    ]
    py = """
    def run(future):
        try:
            work()
        except OSError:
            future.set_exception(ConnectionError("lost"))
        try:
            work()
        except OSError:
            future.set_result(Result())
    """
    assert [(g.gap_type, g.line) for g in error_gaps("p.py", parse("p.py", py))] == [
        ("swallowed", 8)
    ]
