import Domain
import Plot

/// Accessible form parts used across modules: every input has a visible label, errors
/// are tied to their field with `aria-describedby` and announced in a summary
/// (WCAG 2.2: 1.3.1, 3.3.1, 3.3.2, 4.1.2).
enum Components {
    static func csrfField<C: HTML.BodyContext>(_ context: PageContext) -> Node<C> {
        .input(.type(.hidden), .name(CSRFMiddleware.fieldName), .value(context.csrfToken))
    }

    struct Field {
        var id: String
        var label: String
        var type: HTMLInputType = .text
        var value: String = ""
        var autocomplete: String? = nil
        var required: Bool = true
        var hint: String? = nil
        var error: String? = nil
        /// The form field's name where it differs from the id (ids are unique on a page with
        /// several forms; names need not be).
        var name: String? = nil
    }

    static func field<C: HTML.BodyContext>(_ field: Field) -> Node<C> {
        let describedBy = [field.hint.map { _ in "\(field.id)-hint" }, field.error.map { _ in "\(field.id)-error" }]
            .compactMap { $0 }.joined(separator: " ")
        return .div(
            .class(field.error == nil ? "field" : "field field-invalid"),
            .label(.for(field.id), .text(field.label)),
            .unwrap(field.hint) { .p(.id("\(field.id)-hint"), .class("hint"), .text($0)) },
            .unwrap(field.error) { .p(.id("\(field.id)-error"), .class("field-error"), .text($0)) },
            .input(
                .type(field.type), .id(field.id), .name(field.name ?? field.id),
                .value(field.type == .password ? "" : field.value),
                .required(field.required),
                .attribute(named: "autocomplete", value: field.autocomplete),
                // Plot drops attributes whose value is empty or nil.
                .attribute(named: "aria-describedby", value: describedBy),
                .attribute(named: "aria-invalid", value: field.error == nil ? nil : "true")
            )
        )
    }

    /// A multi-line field, labelled, with its hint and error tied to it like `field`. `name`
    /// is the form field's name where it differs from the id.
    static func textArea<C: HTML.BodyContext>(
        id: String, label: String, hint: String?, value: String, rows: Int, error: String?,
        language: Domain.Language?, name: String? = nil
    ) -> Node<C> {
        let describedBy = [hint.map { _ in "\(id)-hint" }, error.map { _ in "\(id)-error" }].compactMap { $0 }.joined(separator: " ")
        return .div(
            .class(error == nil ? "field" : "field field-invalid"),
            .label(.for(id), .text(label)),
            .unwrap(hint) { .p(.id("\(id)-hint"), .class("hint"), .text($0)) },
            .unwrap(error) { .p(.id("\(id)-error"), .class("field-error"), .text($0)) },
            .textarea(
                .id(id), .name(name ?? id), .rows(rows),
                .attribute(named: "aria-describedby", value: describedBy),
                .attribute(named: "aria-invalid", value: error == nil ? nil : "true"),
                .attribute(named: "lang", value: language?.rawValue),
                .text(value))
        )
    }

    static func selectField<C: HTML.BodyContext>(
        id: String, label: String, options: [(value: String, label: String)], selected: String?, error: String? = nil, name: String? = nil
    ) -> Node<C> {
        .div(
            .class(error == nil ? "field" : "field field-invalid"),
            .label(.for(id), .text(label)),
            .unwrap(error) { .p(.id("\(id)-error"), .class("field-error"), .text($0)) },
            .select(
                .id(id), .attribute(named: "name", value: name ?? id),
                .if(error != nil, .attribute(named: "aria-describedby", value: "\(id)-error")),
                .forEach(options) { option($0.value, $0.label, selected: $0.value == selected) }
            )
        )
    }

    /// An `<option>` with text content (Plot's own writes only attributes).
    static func option(value: String, label: String, selected: Bool, lang: String? = nil) -> Node<HTML.SelectContext> {
        .element(
            named: "option",
            nodes: [
                // An empty value must be written: without it the browser sends the label.
                Node<HTML.OptionContext>.attribute(named: "value", value: value, ignoreIfValueIsEmpty: false),
                .if(selected, .attribute(named: "selected", value: "selected")),
                .unwrap(lang) { .attribute(named: "lang", value: $0) },
                .text(label),
            ])
    }

    static func option(_ value: String, _ label: String, selected: Bool) -> Node<HTML.SelectContext> {
        option(value: value, label: label, selected: selected)
    }

    /// The list of problems at the top of a form, announced to screen readers.
    static func errorSummary<C: HTML.BodyContext>(_ context: PageContext, _ errors: [String]) -> Node<C> {
        .if(
            !errors.isEmpty,
            .div(
                .id("form-errors"), .class("error-summary"), .attribute(named: "role", value: "alert"),
                .h2(.text(context.t("Please correct the following"))),
                .ul(.forEach(errors) { .li(.text($0)) })
            ))
    }

    static func submit<C: HTML.BodyContext>(_ label: String) -> Node<C> {
        .button(.type(.submit), .class("button-primary"), .text(label))
    }
}
