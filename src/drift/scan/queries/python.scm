; Extraction query for Python. It only finds nodes: each capture name says what the node is
; (function, class, decorator, import, export, call, awaited, string, number, handler, finally,
; throw); drift.scan.extraction reads their parts. Captures starting with "_" feed predicates.

(function_definition) @function
(class_definition) @class
(decorator) @decorator

(import_statement) @import
(import_from_statement) @import
(future_import_statement) @import

; __all__ = [...] / __all__ += [...] lists the module's exports.
(expression_statement
  (assignment
    left: (identifier) @_name
    right: [(list) (tuple)])
  (#eq? @_name "__all__")) @export
(expression_statement
  (augmented_assignment
    left: (identifier) @_name
    right: [(list) (tuple)])
  (#eq? @_name "__all__")) @export

(call) @call
; A decorator's application: ``@lib.attrs`` calls ``lib.attrs`` with what it decorates, and
; ``@hookimpl(tryfirst=True)`` calls what ``hookimpl(…)`` returns (the whole decorator is that
; call). ``@x.setter`` (and ``getter``, ``deleter``) is a property's own method, never code.
(decorator [(identifier) (attribute)] @call
  (#not-match? @call "[.](setter|getter|deleter)$"))
(decorator (call)) @call
; A function passed as a value: a name (``@reference_name``) or an attribute given as a call's
; argument (``map(self._convert, xs)``, ``Thread(target=self._run)``). A class's bases are an
; argument list too, which extraction leaves out (a pattern naming the call around costs a
; sixth more).
(argument_list (identifier) @reference_name)
(argument_list (attribute) @reference)
(keyword_argument value: (identifier) @reference_name)
(keyword_argument value: (attribute) @reference)
; A base's member read through ``super()`` (DRF's ``ret = super().data`` in a property: the
; base's getter runs), kept as a member passed as a value is (extraction drops a called one and
; one passed as an argument, which the patterns above have).
(attribute object: (call function: (identifier) @_super) (#eq? @_super "super")) @super_member


; Or assigned to an attribute (``self.handler = self._default``): the object holds it, to be
; called later.
(assignment left: (attribute) right: (identifier) @reference_name)
(assignment left: (attribute) right: (attribute) @reference)
(await (call) @awaited)
; A coroutine (or an async iterator or context manager) handed on to what awaits it.
(for_statement "async" right: (call) @awaited)
(with_statement "async" (with_clause (with_item value: (call) @awaited)))
(with_statement "async" (with_clause (with_item value: (as_pattern (call) @awaited))))
(call
  function: [(identifier) @_runs (attribute attribute: (identifier) @_runs)]
  arguments: (argument_list (call) @awaited)
  (#match? @_runs "^(create_task|ensure_future|gather|run_until_complete|wait_for|shield|run|wait|as_completed|run_coroutine_threadsafe|start_soon|spawn)$"))

; Assignments to a name inside a block (a function's, mostly) or at module level: the class a
; variable holds, for the calls made on it.
(block (expression_statement (assignment left: [(identifier) (pattern_list)]) @local))
(module (expression_statement (assignment left: [(identifier) (pattern_list)]) @local))
; ``except ValidationError as exc``: ``exc`` holds a ValidationError.
(except_clause (as_pattern alias: (as_pattern_target (identifier)))) @local
; What a function returns or yields, when a call or a variable gives it.
(return_statement [(call) (identifier)] @returned)
(yield [(call) (identifier)] @returned)
; A ``with`` item's context manager, whose ``__enter__`` and ``__exit__`` the block runs (a
; name, an attribute or a call; extraction gives the block a call of each).
(with_item value: [(identifier) (attribute) (call)] @managed)
(with_item value: (as_pattern . [(identifier) (attribute) (call)] @managed))
; An operator on a name or ``self.x`` runs a method of it: ``b[k]`` ``__getitem__`` (assigned
; ``__setitem__``, deleted ``__delitem__``), ``k in b`` ``__contains__``, ``for x in b``
; ``__iter__``, ``b == x`` ``__eq__``, ``b + x`` ``__add__``, ``b += x`` ``__iadd__``, ``-b``
; ``__neg__``; extraction reads which (a comparison's operands, any of which may be it, there).
(subscript value: [(identifier) (attribute)]) @operated
(comparison_operator) @operated
(binary_operator left: [(identifier) (attribute)]) @operated
(augmented_assignment left: [(identifier) (attribute)]) @operated
(unary_operator argument: [(identifier) (attribute)]) @operated
(for_statement right: [(identifier) (attribute)]) @operated
(for_in_clause right: [(identifier) (attribute)]) @operated
; A loop's and a ``with``'s variables: of the function around them, of no class it says.
(for_statement left: [(identifier) (pattern_list) (tuple_pattern)]) @local
(with_item value: (as_pattern alias: (as_pattern_target (identifier))) @local)
; Attributes a class gives a class: ``self.repo = Repo()`` in a method, ``repo: Repo`` in its body.
(expression_statement
  (assignment left: (attribute object: (identifier) attribute: (identifier))) @field)
(class_definition
  body: (block (expression_statement (assignment left: (identifier) type: (_)) @field)))
; A class attribute's value: ``header_regex = re.compile(…)`` (``self.header_regex.match``).
(class_definition
  body: (block (expression_statement (assignment left: (identifier) !type) @field)))

(string) @string
[(integer) (float)] @number

(except_clause) @handler
(finally_clause) @finally
(raise_statement) @throw
