//! What a person says about themselves: the name shown with what they write, and the birth date
//! and area eligibility is checked against.

use super::set_display_name;
use crate::domain::accounts::{parse_birth_date, DisplayName};
use crate::domain::validation::{Checks, Problem};
use crate::error::{AppError, AppResult};
use crate::server::context::{internal, SignedIn};
use crate::server::entities::user;
use crate::server::tenancy;
use sea_orm::{ActiveModelTrait, Set};

pub async fn change_display_name(signed_in: &SignedIn, display_name: &str) -> AppResult<()> {
    let typed = vec![("display_name".to_owned(), display_name.to_owned())];
    let name = DisplayName::parse(display_name)
        .map_err(|problem| AppError::refused("display_name", problem).refilled(typed))?;
    set_display_name(&signed_in.state.db, signed_in.account.id, &name).await
}

/// Sets the birth date and area (both optional); they count from the next vote or comment on.
pub async fn change_personal_details(signed_in: &SignedIn, birth_date: &str, area_id: &str) -> AppResult<()> {
    let state = &signed_in.state;
    let mut checks = Checks::new();
    let born = checks.field("birth_date", parse_birth_date(birth_date, state.clock.today()));
    let area = match area_id.trim() {
        "" => Some(None),
        id => match id.parse::<i32>() {
            Ok(id) if tenancy::area_exists(&state.db, id).await? => Some(Some(id)),
            _ => {
                checks.add("area_id", Problem::UnknownArea);
                None
            }
        },
    };
    let (Some(born), Some(area), true) = (born, area, checks.is_empty()) else {
        let typed = vec![("birth_date".to_owned(), birth_date.to_owned()), ("area_id".to_owned(), area_id.to_owned())];
        return Err(AppError::validation_of(checks.into_errors(), typed));
    };
    let row = user::ActiveModel {
        id: Set(signed_in.account.id),
        birth_date: Set(born),
        area_id: Set(area),
        ..Default::default()
    };
    row.update(&state.db).await.map_err(internal)?;
    Ok(())
}
