; JavaScript-only patterns (added to ecmascript.scm).

(field_definition
  property: (property_identifier)
  value: [(arrow_function) (function_expression)] @function)
