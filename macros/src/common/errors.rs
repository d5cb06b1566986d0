//! Collecting every error of one attribute, and "did you mean" hints.

use proc_macro2::Span;

/// All errors of one attribute, reported together.
#[derive(Default)]
pub struct Errors(Option<syn::Error>);

impl Errors {
    pub fn push(&mut self, span: Span, message: impl std::fmt::Display) {
        self.add(syn::Error::new(span, message));
    }

    pub fn add(&mut self, error: syn::Error) {
        match &mut self.0 {
            Some(all) => all.combine(error),
            None => self.0 = Some(error),
        }
    }

    pub fn finish(self) -> Result<(), syn::Error> {
        self.0.map_or(Ok(()), Err)
    }
}

pub use cognito_triggers_rules::did_you_mean;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hints() {
        let keys = ["suppress", "claims", "groups", "version"];
        assert_eq!(did_you_mean("supress", &keys), Some("suppress"));
        assert_eq!(did_you_mean("claim", &keys), Some("claims"));
        assert_eq!(did_you_mean("group", &keys), Some("groups"));
        assert_eq!(did_you_mean("zzzzzz", &keys), None);
    }
}
