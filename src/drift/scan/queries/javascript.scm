; JavaScript-only patterns (added to ecmascript.scm).

(field_definition
  property: (property_identifier)
  value: [(arrow_function) (function_expression)] @function)

; Fields a class gives a class: ``repo = new Repo()``, ``#repo = new Repo()``.
(field_definition
  property: [(property_identifier) (private_property_identifier)]
  value: (new_expression)) @field
