; Extraction query for Java. See python.scm for the capture vocabulary.

(package_declaration [(identifier) (scoped_identifier)] @package)

(method_declaration) @function
(constructor_declaration) @function
(compact_constructor_declaration) @function

(class_declaration) @class
(interface_declaration) @class
(enum_declaration) @class
(record_declaration) @class
(annotation_type_declaration) @class
(modifiers [(marker_annotation) (annotation)] @decorator)

(import_declaration) @import

(method_invocation) @call
(object_creation_expression) @construct
; ``this(…)`` and ``super(…)`` in a constructor: a call of the class's, or the superclass's,
; constructor (callee ``this`` or ``super``).
(explicit_constructor_invocation) @construct
; A method passed as a value: ``LocalDate::from``, ``this::name``, ``X::new``.
(method_reference) @reference
; Local variables: the class they are declared with, for the calls made on them.
(local_variable_declaration) @local
; A caught exception and a for-each loop's variable are locals too (``new E(rex)``).
(catch_formal_parameter) @local
(enhanced_for_statement) @local
; Fields: the class they are declared with, for the calls made on them (``repo.save()``,
; ``this.repo.save()``).
(field_declaration) @field
; An enum's constants: fields of the enum's type (``logger.isLoggable(NORMAL)`` picks the
; overload taking that enum).
(enum_constant) @field

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
