//! One-time codes: drawn from the operating system's CSPRNG, uniform over every value of the
//! digit space (leading zeros included), compared in constant time.

use subtle::ConstantTimeEq;

/// A new code of `digits` decimal digits (4 to 10), from `getrandom`.
pub(crate) fn new_code(digits: u32) -> Result<String, getrandom::Error> {
    let space = 10u64.pow(digits);
    // Rejection sampling: values at or above the largest multiple of `space` would make the
    // low codes more likely.
    let limit = u64::MAX - u64::MAX % space;
    loop {
        let mut bytes = [0u8; 8];
        getrandom::fill(&mut bytes)?;
        let value = u64::from_le_bytes(bytes);
        if value < limit {
            return Ok(format!(
                "{:0width$}",
                value % space,
                width = digits as usize
            ));
        }
    }
}

/// Whether `answer` is `code`, in time that does not depend on where they differ.
pub(crate) fn matches(answer: &str, code: &str) -> bool {
    answer.as_bytes().ct_eq(code.as_bytes()).into()
}

/// Draws codes, for the tests of their distribution. Not a public API.
#[doc(hidden)]
pub fn draw(digits: u32) -> Result<String, getrandom::Error> {
    new_code(digits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_have_their_digits() {
        for digits in 4..=10 {
            let code = new_code(digits).unwrap();
            assert_eq!(code.len(), digits as usize);
            assert!(code.bytes().all(|b| b.is_ascii_digit()));
        }
        assert!(matches("123456", "123456"));
        assert!(!matches("123457", "123456"));
        assert!(!matches("12345", "123456"));
        assert!(!matches("", "123456"));
    }
}
