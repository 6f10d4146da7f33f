; JavaScript-only patterns (added to ecmascript.scm).

(field_definition
  property: (property_identifier) @function.name
  value: [(arrow_function) (function_expression)] @function)

(method_definition
  (decorator) @decorator) @decorator.target
