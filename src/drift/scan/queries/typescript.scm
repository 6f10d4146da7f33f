; TypeScript/TSX-only patterns (added to ecmascript.scm).

(public_field_definition
  name: (property_identifier)
  value: [(arrow_function) (function_expression)] @function)

; Properties a class gives a class: ``repo: Repo``, ``repo = new Repo()``, ``#repo: Repo``
; (a private name: TanStack Query's ``#retryer?: Retryer<TData>``), and constructor parameter
; properties (``constructor(private repo: Repo)``).
(public_field_definition name: [(property_identifier) (private_property_identifier)]) @field
(required_parameter (accessibility_modifier) pattern: (identifier)) @field
(required_parameter "readonly" pattern: (identifier)) @field

(abstract_class_declaration) @class
(interface_declaration) @class
(enum_declaration) @class
