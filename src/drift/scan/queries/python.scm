; Extraction query for Python. Capture names are the shared vocabulary of drift.scan.extraction:
; an undotted capture anchors a match (function, class, decorator, import, export, call, string,
; number, handler, finally, throw); dotted captures are its parts; "_" captures feed predicates.

(function_definition
  name: (identifier) @function.name) @function

(class_definition
  name: (identifier) @class.name) @class

(decorated_definition
  (decorator)+ @decorator
  definition: (_) @decorator.target)

(import_statement) @import
(import_from_statement) @import
(future_import_statement) @import

; __all__ = [...] / __all__ += [...] lists the module's exports.
(expression_statement
  (assignment
    left: (identifier) @_name
    right: [(list) (tuple)] @export.list)
  (#eq? @_name "__all__")) @export
(expression_statement
  (augmented_assignment
    left: (identifier) @_name
    right: [(list) (tuple)] @export.list)
  (#eq? @_name "__all__")) @export

(call
  function: (_) @call.function
  arguments: (_) @call.args) @call

(string) @string
[(integer) (float)] @number

(except_clause) @handler
(finally_clause) @finally
(raise_statement) @throw

(await (call) @awaited)
