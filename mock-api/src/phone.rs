//! Phone numbers other than the called one, as people write them in free text: in some
//! transcripts (a callback number) and some customers' `properties` (for the proxy's masking
//! tests).

use crate::corpus::{AREA_CODES, MOBILE_PREFIXES};
use crate::rng::Rng;

/// A number and how it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// A mobile as 11 digits: "13812345678".
    Mobile(u64),
    /// A mobile spaced 3-4-4: "139 1234 5678".
    Spaced(u64),
    /// A mobile with the country code: "+86 186-1234-5678".
    Intl(u64),
    /// A landline with its area code: "0571-88889999".
    Landline(&'static str, u32),
}

impl Written {
    pub fn text(&self) -> String {
        match *self {
            Written::Mobile(n) => format!("{n:011}"),
            Written::Spaced(n) => format!(
                "{:03} {:04} {:04}",
                n / 100_000_000,
                n / 10_000 % 10_000,
                n % 10_000
            ),
            Written::Intl(n) => format!(
                "+86 {:03}-{:04}-{:04}",
                n / 100_000_000,
                n / 10_000 % 10_000,
                n % 10_000
            ),
            Written::Landline(area, local) => format!("{area}-{local:08}"),
        }
    }

    pub fn chars(&self) -> u32 {
        self.text().chars().count() as u32
    }

    /// As someone repeating it back writes it: a mobile as 11 digits, a landline as it is.
    pub fn plain(self) -> Written {
        match self {
            Written::Spaced(n) | Written::Intl(n) => Written::Mobile(n),
            w => w,
        }
    }
}

/// A mobile number (a carrier prefix and 8 random digits) other than `avoid`.
pub fn mobile(rng: &mut Rng, avoid: u64) -> u64 {
    loop {
        let n = rng.pick(MOBILE_PREFIXES) * 100_000_000 + rng.below(100_000_000);
        if n != avoid {
            return n;
        }
    }
}

/// A landline: an area code and 8 local digits (not starting with 0 or 1).
pub fn landline(rng: &mut Rng) -> Written {
    let area = *rng.pick(AREA_CODES);
    Written::Landline(area, rng.range(20_000_000, 89_999_999) as u32)
}

/// A number in one of the four written forms (weights 35/25/15/25), never `avoid`.
pub fn any_form(rng: &mut Rng, avoid: u64) -> Written {
    match rng.weighted(&[35, 25, 15, 25]) {
        0 => Written::Mobile(mobile(rng, avoid)),
        1 => Written::Spaced(mobile(rng, avoid)),
        2 => Written::Intl(mobile(rng, avoid)),
        _ => landline(rng),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let n = 13_812_345_678;
        assert_eq!(Written::Mobile(n).text(), "13812345678");
        assert_eq!(Written::Spaced(n).text(), "138 1234 5678");
        assert_eq!(Written::Intl(n).text(), "+86 138-1234-5678");
        assert_eq!(
            Written::Landline("0571", 88_889_999).text(),
            "0571-88889999"
        );
        assert_eq!(Written::Intl(n).plain(), Written::Mobile(n));
        assert_eq!(Written::Intl(n).chars(), 17);
        let rng = Rng::new(1);
        let first = mobile(&mut rng.clone(), 0);
        assert_ne!(mobile(&mut rng.clone(), first), first);
    }
}
