; TypeScript/TSX-only patterns (added to ecmascript.scm).

(public_field_definition
  name: (property_identifier) @function.name
  value: [(arrow_function) (function_expression)] @function)

(abstract_class_declaration
  name: (_) @class.name) @class
(interface_declaration
  name: (_) @class.name) @class
(enum_declaration
  name: (_) @class.name) @class

(abstract_class_declaration
  (decorator) @decorator) @decorator.target
(class_body
  (decorator)+ @decorator
  .
  [(method_definition) (public_field_definition)] @decorator.target)
