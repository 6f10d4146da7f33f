; Extraction query shared by JavaScript, TypeScript and TSX (node types common to the three
; grammars). See python.scm for the capture vocabulary.

(function_declaration) @function
(generator_function_declaration) @function
(method_definition) @function
(variable_declarator
  name: (identifier)
  value: [(arrow_function) (function_expression) (generator_function)] @function)
(assignment_expression
  left: (member_expression property: (property_identifier))
  right: [(arrow_function) (function_expression)] @function)
; ``Test.prototype['throws'] = function …`` (tape: a keyword as a method's name).
(assignment_expression
  left: (subscript_expression index: (string (string_fragment)))
  right: [(arrow_function) (function_expression)] @function)
(pair
  key: (property_identifier)
  value: [(arrow_function) (function_expression)] @function)
(export_statement
  "default"
  value: [(arrow_function) (function_expression)] @function)
; A named function expression anywhere else is a function of its own name: axios's
; ``new Promise(function dispatchXhrRequest(…) {…})``, ``ok && function httpAdapter(…) {…}``.
(function_expression name: (identifier)) @function

(class_declaration) @class
(class name: (_)) @class
; An anonymous class expression held by a name: ``internals.Base = class {…}`` (joi).
(variable_declarator value: (class) @class)
(assignment_expression right: (class) @class)
(decorator) @decorator

(import_statement) @import
(call_expression
  function: (identifier) @_require
  arguments: (arguments . (string) .)
  (#eq? @_require "require")) @import
(call_expression
  function: (import)
  arguments: (arguments . (string))) @import

(export_statement) @export
; CommonJS: module.exports = ..., exports.name = ..., module.exports.name = ...
(assignment_expression
  left: (member_expression
    object: (identifier) @_module
    property: (property_identifier) @_exports)
  (#eq? @_module "module")
  (#eq? @_exports "exports")) @export
(assignment_expression
  left: (member_expression
    object: (identifier) @_exports)
  (#eq? @_exports "exports")) @export
(assignment_expression
  left: (member_expression
    object: (member_expression
      object: (identifier) @_module
      property: (property_identifier) @_exports))
  (#eq? @_module "module")
  (#eq? @_exports "exports")) @export

(call_expression) @call
(new_expression) @construct
; A function passed as a value: a name (``@reference_name``) or a member given as an argument
; (``arr.map(parseLine)``, ``emitter.on("data", this.onData)``), or as a property of an object
; literal that is one (``f({ onData: handler })``, ``f({ handler })``).
(arguments (identifier) @reference_name)
(arguments (member_expression) @reference)
(arguments (object (pair value: (identifier) @reference_name)))
(arguments (object (pair value: (member_expression) @reference)))
(arguments (object (shorthand_property_identifier) @reference_name))
; Or assigned to a property (``this.buildPrettyMeta = defaultBuildPrettyMeta``, find-my-way's
; ``this.find = Router.prototype._findCompiled``): the object holds it, to be called later.
(assignment_expression left: (member_expression) right: (identifier) @reference_name)
(assignment_expression left: (member_expression) right: (member_expression) @reference)
; What a function returns: an object literal's members are its result's (``Function.members``).
(return_statement) @returned

; Variables (declared in a block: a function's, mostly; or at module level): the class they
; hold, for the calls made on them.
(statement_block (lexical_declaration (variable_declarator name: (identifier)) @local))
(statement_block (variable_declaration (variable_declarator name: (identifier)) @local))
; ``const { regexes } = z.core``: parts of a value (a library's, a call's).
(statement_block (lexical_declaration (variable_declarator name: (object_pattern)) @local))
(program (lexical_declaration (variable_declarator name: (object_pattern)) @local))
(program (lexical_declaration (variable_declarator name: (identifier)) @local))
(program (variable_declaration (variable_declarator name: (identifier)) @local))
(program
  (export_statement declaration: (lexical_declaration (variable_declarator name: (identifier)) @local)))
; ``export default new Cache()``: the module's default value, an instance.
(program (export_statement value: [(new_expression) (call_expression) (await_expression)]) @local)
; ``let signer; … signer = crypto.createSign(…)``: an assignment gives the variable a value too.
(expression_statement (assignment_expression left: (identifier)) @local)
(await_expression (call_expression) @awaited)

[(string) (template_string)] @string
(number) @number

(catch_clause) @handler
(finally_clause) @finally
(throw_statement) @throw
; ``p.catch(handler)``: a handler is a function, or names or makes one. ``.catch("n/a")`` with a
; literal (zod's ``z.string().catch("x")``, a fallback value) handles no error.
(call_expression
  function: (member_expression
    property: (property_identifier) @_catch)
  arguments: (arguments
    .
    [(arrow_function) (function_expression) (identifier) (member_expression) (call_expression)])
  (#eq? @_catch "catch")) @promise_catch
