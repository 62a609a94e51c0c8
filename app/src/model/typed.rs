//! What a person typed into a form, field by field, as the form's fields are named, so a refused
//! form comes back filled in exactly as it was sent.

/// Built once per form, in the form's own order.
#[derive(Debug, Default)]
pub struct Typed(Vec<(String, String)>);

impl Typed {
    pub fn new() -> Self {
        Self::default()
    }

    /// One field.
    pub fn field(mut self, name: &str, value: &str) -> Self {
        self.0.push((name.to_owned(), value.to_owned()));
        self
    }

    /// A repeated row field, one value per row: `name[0]`, `name[1]`, ….
    pub fn rows(mut self, name: &str, values: &[String]) -> Self {
        self.0.extend(values.iter().enumerate().map(|(i, v)| (format!("{name}[{i}]"), v.clone())));
        self
    }

    /// A group of checkboxes: the ticked values, joined by commas as the group reads them back.
    pub fn ticked(mut self, name: &str, values: &[String]) -> Self {
        self.0.push((name.to_owned(), values.join(",")));
        self
    }

    pub fn done(self) -> Vec<(String, String)> {
        self.0
    }
}

/// Row `i` of a repeated row field; empty when the browser sent fewer rows of this field.
pub fn cell(column: &[String], i: usize) -> String {
    column.get(i).cloned().unwrap_or_default()
}

/// The numbers a group of checkboxes sent (area ids, for example); None when one is not a number,
/// which a browser never sends.
pub fn numbers(values: &[String]) -> Option<Vec<i32>> {
    values.iter().map(|v| v.trim().parse().ok()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_numbered_and_ticked_boxes_joined() {
        let typed = Typed::new()
            .field("title", "Plein")
            .rows("phase_name", &["Idee".into(), "Plan".into()])
            .ticked("areas", &["3".into(), "5".into()])
            .done();
        let pairs: Vec<(&str, &str)> = typed.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(pairs, [("title", "Plein"), ("phase_name[0]", "Idee"), ("phase_name[1]", "Plan"), ("areas", "3,5")]);
    }

    #[test]
    fn numbers_refuse_what_is_not_a_number() {
        assert_eq!(numbers(&["3".into(), " 5 ".into()]), Some(vec![3, 5]));
        assert_eq!(numbers(&["3".into(), "x".into()]), None);
        assert_eq!(numbers(&[]), Some(vec![]));
    }
}
