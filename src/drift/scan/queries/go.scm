; Extraction query for Go. See python.scm for the capture vocabulary.

(package_clause (package_identifier) @package)

(function_declaration) @function
(method_declaration) @function
(type_spec type: [(struct_type) (interface_type)]) @class

(import_spec) @import

(call_expression) @call
; A function passed as a value: a name (``@reference_name``) or a selector given as an argument
; (``r.Use(RealIP)``, ``http.HandlerFunc(mx.routeHTTP)``), or as a composite literal's field
; (``&Command{Args: NoArgs}``).
(argument_list (identifier) @reference_name)
(argument_list (selector_expression) @reference)
(keyed_element value: (literal_element (identifier) @reference_name))
(keyed_element value: (literal_element (selector_expression) @reference))
; Or assigned to a field (``e.HTTPErrorHandler = e.DefaultHTTPErrorHandler``): the struct holds
; it, to be called later.
(assignment_statement
  left: (expression_list (selector_expression))
  right: (expression_list (identifier) @reference_name))
(assignment_statement
  left: (expression_list (selector_expression))
  right: (expression_list (selector_expression) @reference))
; Variables, local or of the package, one by one or in a ``var ( … )`` block: the struct they
; hold, for the calls made on them.
(short_var_declaration) @local
; ``for _, x := range items``: variables of the loop, holding the elements of ``items``.
(range_clause) @local
(block (statement_list (var_declaration (var_spec) @local)))
(block (statement_list (var_declaration (var_spec_list (var_spec) @local))))
(source_file (var_declaration (var_spec) @local))
(source_file (var_declaration (var_spec_list (var_spec) @local)))
; A function literal's parameters are variables of the function around it (the literal is no
; function of its own): ``func(w http.ResponseWriter, r *http.Request) { … }``.
(func_literal parameters: (parameter_list (parameter_declaration) @local))
(func_literal parameters: (parameter_list (variadic_parameter_declaration) @local))
; A function's named results are its variables, typed as parameters are: cobra's ``func (c
; *Command) ExecuteC() (cmd *Command, err error)``, then ``cmd.execute(flags)``.
(function_declaration result: (parameter_list (parameter_declaration) @local))
(method_declaration result: (parameter_list (parameter_declaration) @local))
(func_literal result: (parameter_list (parameter_declaration) @local))
; A struct's named fields, for calls on them (``c.Request.Header.Set``), and an interface's
; methods with their results (``Request() *http.Request``: what ``c.Request()`` gives).
(field_declaration_list (field_declaration name: (field_identifier)) @field)
(interface_type (method_elem result: (_)) @field)

[(interpreted_string_literal) (raw_string_literal)] @string
[(int_literal) (float_literal) (imaginary_literal)] @number

; if err != nil { ... }: Go's way of handling an error.
(if_statement
  condition: (binary_expression
    left: (identifier) @_error
    operator: "!="
    right: (nil))
  consequence: (block)
  (#match? @_error "^(err|.*Err)$")) @error_check
(call_expression
  function: (identifier) @_recover
  (#eq? @_recover "recover")) @recover
(call_expression
  function: (identifier) @_panic
  (#eq? @_panic "panic")) @throw
