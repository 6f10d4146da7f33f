; Extraction query for Go. See python.scm for the capture vocabulary.

(package_clause (package_identifier) @package)

(function_declaration
  name: (identifier) @function.name) @function
(method_declaration
  name: (field_identifier) @function.name) @function

(type_spec
  name: (type_identifier) @class.name
  type: [(struct_type) (interface_type)]) @class

(import_spec) @import

(call_expression
  function: (_) @call.function
  arguments: (argument_list) @call.args) @call

[(interpreted_string_literal) (raw_string_literal)] @string
[(int_literal) (float_literal) (imaginary_literal)] @number

; if err != nil { ... }: Go's way of handling an error.
(if_statement
  condition: (binary_expression
    left: (identifier) @handler.variable
    operator: "!="
    right: (nil))
  consequence: (block) @handler.body
  (#match? @handler.variable "^(err|.*Err)$")) @error_check
(call_expression
  function: (identifier) @_recover
  (#eq? @_recover "recover")) @recover
(call_expression
  function: (identifier) @_panic
  (#eq? @_panic "panic")) @throw
