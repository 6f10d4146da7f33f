; JSX patterns (added for JavaScript and TSX; plain TypeScript has no JSX).

; A JSX element renders a component, which is a call of it: ``<Header title="x" />`` calls
; ``Header`` (with its props), ``<Forms.Input />`` calls ``Input`` of ``Forms``. An intrinsic
; element (``<div>``, a lower-case name) names no function.
(jsx_opening_element
  name: [(identifier) (member_expression)] @_jsx_name
  (#match? @_jsx_name "^[A-Z]|[.]")) @call
(jsx_self_closing_element
  name: [(identifier) (member_expression)] @_jsx_name
  (#match? @_jsx_name "^[A-Z]|[.]")) @call
; A function handed to a component as a prop: ``<Button onClick={this.handle} />`` (the props
; are the element's call's argument, as an object literal's properties are).
(jsx_attribute (jsx_expression (identifier) @reference_name))
(jsx_attribute (jsx_expression (member_expression) @reference))
