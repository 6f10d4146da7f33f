; Extraction query for Java. See python.scm for the capture vocabulary.

(package_declaration [(identifier) (scoped_identifier)] @package)

(method_declaration
  name: (identifier) @function.name) @function
(constructor_declaration
  name: (identifier) @function.name) @function
(compact_constructor_declaration
  name: (identifier) @function.name) @function

(class_declaration
  name: (identifier) @class.name) @class
(interface_declaration
  name: (identifier) @class.name) @class
(enum_declaration
  name: (identifier) @class.name) @class
(record_declaration
  name: (identifier) @class.name) @class

(_
  (modifiers [(marker_annotation) (annotation)] @decorator)) @decorator.target

(import_declaration) @import

(method_invocation
  object: (_)? @call.receiver
  name: (identifier) @call.name
  arguments: (argument_list) @call.args) @call
(object_creation_expression
  type: (_) @call.function
  arguments: (argument_list) @call.args) @construct

(string_literal) @string
[
  (decimal_integer_literal)
  (hex_integer_literal)
  (octal_integer_literal)
  (binary_integer_literal)
  (decimal_floating_point_literal)
  (hex_floating_point_literal)
] @number

(catch_clause) @handler
(finally_clause) @finally
(throw_statement) @throw
