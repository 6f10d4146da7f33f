; Extraction query shared by JavaScript, TypeScript and TSX (node types common to the three
; grammars). See python.scm for the capture vocabulary.

(function_declaration
  name: (identifier) @function.name) @function
(generator_function_declaration
  name: (identifier) @function.name) @function
(method_definition
  name: (_) @function.name) @function
(variable_declarator
  name: (identifier) @function.name
  value: [(arrow_function) (function_expression) (generator_function)] @function)
(assignment_expression
  left: (member_expression property: (property_identifier) @function.name)
  right: [(arrow_function) (function_expression)] @function)
(pair
  key: (property_identifier) @function.name
  value: [(arrow_function) (function_expression)] @function)
(export_statement
  "default"
  value: [(arrow_function) (function_expression)] @function)

(class_declaration
  name: (_) @class.name) @class
(class
  name: (_) @class.name) @class

(class_declaration
  (decorator) @decorator) @decorator.target

(import_statement) @import
(call_expression
  function: (identifier) @_require
  arguments: (arguments . (string) .)
  (#eq? @_require "require")) @import
(call_expression
  function: (import)
  arguments: (arguments . (string))) @import

(export_statement) @export
; CommonJS: module.exports = ..., exports.name = ..., module.exports.name = ...
(assignment_expression
  left: (member_expression
    object: (identifier) @_module
    property: (property_identifier) @_exports)
  (#eq? @_module "module")
  (#eq? @_exports "exports")) @export
(assignment_expression
  left: (member_expression
    object: (identifier) @_exports)
  (#eq? @_exports "exports")) @export
(assignment_expression
  left: (member_expression
    object: (member_expression
      object: (identifier) @_module
      property: (property_identifier) @_exports))
  (#eq? @_module "module")
  (#eq? @_exports "exports")) @export

(call_expression
  function: (_) @call.function
  arguments: (_) @call.args) @call
(new_expression
  constructor: (_) @call.function
  arguments: (arguments)? @call.args) @construct

[(string) (template_string)] @string
(number) @number

(catch_clause) @handler
(finally_clause) @finally
(throw_statement) @throw
(call_expression
  function: (member_expression
    property: (property_identifier) @_catch)
  arguments: (arguments) @handler.args
  (#eq? @_catch "catch")) @promise_catch

(await_expression (call_expression) @awaited)
