; TypeScript/TSX-only patterns (added to ecmascript.scm).

(public_field_definition
  name: (property_identifier)
  value: [(arrow_function) (function_expression)] @function)

(abstract_class_declaration) @class
(interface_declaration) @class
(enum_declaration) @class
