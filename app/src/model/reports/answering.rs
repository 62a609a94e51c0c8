//! The types of reports / answering that cross the wire.

use super::*;

/// An answer as the lead sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerView {
    pub id: i32,
    pub disposition: Disposition,
    pub reason: String,
    pub group_title: Option<String>,
    pub fixed_item: Option<u32>,
    pub forwarded_to: Option<String>,
    pub forwarded_trajectory: Option<i32>,
    /// How many inputs share it.
    pub size: u64,
}

/// One input on the answering screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct InputRow {
    /// `i12` or `c7`.
    pub key: String,
    pub kind: ItemKind,
    pub channel: Channel,
    pub activity_title: String,
    pub area: Option<String>,
    pub received_on: NaiveDate,
    /// The display name of an author who wrote online; None otherwise.
    pub author: Option<String>,
    pub case_number: Option<String>,
    pub title: Option<String>,
    pub body: String,
    pub public: bool,
    pub answer: Option<AnswerView>,
}

/// The filters of the answering screen, as in its address.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsweringFilter {
    pub activity: String,
    pub channel: String,
    pub area: String,
    /// `open`, `beantwoord` or empty for all.
    pub status: String,
    pub page: u64,
}

impl AnsweringFilter {
    /// The address of the screen with these filters.
    pub fn query(&self) -> String {
        let mut parts = Vec::new();
        for (name, value) in [
            ("activiteit", &self.activity),
            ("kanaal", &self.channel),
            ("gebied", &self.area),
            ("status", &self.status),
        ] {
            // Ids and keywords only: anything else is not a filter of this screen.
            if !value.is_empty() && value.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                parts.push(format!("{name}={value}"));
            }
        }
        if self.page > 1 {
            parts.push(format!("pagina={}", self.page));
        }
        if parts.is_empty() {
            String::new()
        } else {
            format!("?{}", parts.join("&"))
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnsweringPage {
    pub municipality_slug: String,
    pub municipality_name: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub progress: Progress,
    pub awaiting_moderation: u64,
    pub hidden: u64,
    pub activities: Vec<(i32, String)>,
    pub channels: Vec<Channel>,
    pub areas: Vec<AreaSummary>,
    pub filter: AnsweringFilter,
    pub rows: Vec<InputRow>,
    /// Inputs matching the filters.
    pub matching: u64,
    pub pages: u64,
    /// The fixed items of the rules of play in force, numbered from 1.
    pub fixed_items: Vec<(u32, String)>,
    /// The municipality's other trajectories, to forward to.
    pub trajectories: Vec<(i32, String)>,
    pub published: Vec<VersionSummary>,
    /// Why the report cannot be published yet, if it cannot.
    pub blocked: Option<crate::domain::validation::Problem>,
}

/// One answer with the inputs it covers, to revise it or take inputs out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AnswerPage {
    pub municipality_slug: String,
    pub trajectory_id: i32,
    pub trajectory_title: String,
    pub answer: AnswerView,
    pub rows: Vec<InputRow>,
    pub fixed_items: Vec<(u32, String)>,
    pub trajectories: Vec<(i32, String)>,
}

/// The answering screen's query to return to: only its own filters, never another address.
pub fn safe_back(back: &str) -> String {
    let back = back.trim();
    let allowed = |c: char| c.is_ascii_alphanumeric() || "?&=-_%".contains(c);
    if back.starts_with('?') && back.len() < 300 && back.chars().all(allowed) {
        back.to_owned()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_answering_screen_returns_to_its_own_filters_only() {
        let filter = AnsweringFilter {
            activity: "12".into(),
            channel: "phone".into(),
            area: String::new(),
            status: "open".into(),
            page: 3,
        };
        assert_eq!(filter.query(), "?activiteit=12&kanaal=phone&status=open&pagina=3");
        assert_eq!(AnsweringFilter::default().query(), "");
        let odd = AnsweringFilter { channel: "x\"><script>".into(), ..Default::default() };
        assert_eq!(odd.query(), "", "anything but ids and keywords is left out");
        assert_eq!(safe_back("?status=open&pagina=2"), "?status=open&pagina=2");
        for bad in ["https://elders.example/", "//elders.example", "/beheer", "?a=<b>", "?a=1\nLocation: x"] {
            assert_eq!(safe_back(bad), "", "{bad}");
        }
    }
}
