//! Whether every string in a value is as a fresh load leaves it: the model
//! cache decodes a briefing from disk, and a string that cleaning would
//! change (a control sequence, a bidi override, an invisible character) means
//! the entry was not written by brief from a clean load, so it is not used.
//! A `Serializer` that only looks: it visits every string of any value that
//! can be serialised, so no field of the model can be missed.

use serde::Serialize;
use serde::ser;

/// Why a value failed: the first string that is not clean.
#[derive(Debug)]
pub struct Unclean;

impl std::fmt::Display for Unclean {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a string a load would have cleaned")
    }
}

impl std::error::Error for Unclean {}

impl ser::Error for Unclean {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unclean
    }
}

/// Every string in `v` is clean.
pub fn all_clean<T: Serialize + ?Sized>(v: &T) -> bool {
    v.serialize(Look).is_ok()
}

struct Look;

fn string(s: &str) -> Result<(), Unclean> {
    if super::sanitize::is_clean(s) {
        Ok(())
    } else {
        Err(Unclean)
    }
}

macro_rules! nothing_to_see {
    ($($name:ident: $t:ty),*) => {
        $(fn $name(self, _: $t) -> Result<(), Unclean> { Ok(()) })*
    };
}

impl ser::Serializer for Look {
    type Ok = ();
    type Error = Unclean;
    type SerializeSeq = Look;
    type SerializeTuple = Look;
    type SerializeTupleStruct = Look;
    type SerializeTupleVariant = Look;
    type SerializeMap = Look;
    type SerializeStruct = Look;
    type SerializeStructVariant = Look;

    nothing_to_see!(serialize_bool: bool, serialize_i8: i8, serialize_i16: i16,
        serialize_i32: i32, serialize_i64: i64, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_f32: f32, serialize_f64: f64,
        serialize_bytes: &[u8], serialize_unit_struct: &'static str);

    fn serialize_char(self, c: char) -> Result<(), Unclean> {
        string(c.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, s: &str) -> Result<(), Unclean> {
        string(s)
    }
    fn serialize_none(self) -> Result<(), Unclean> {
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, v: &T) -> Result<(), Unclean> {
        v.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Unclean> {
        Ok(())
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
    ) -> Result<(), Unclean> {
        Ok(())
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unclean> {
        v.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        v: &T,
    ) -> Result<(), Unclean> {
        v.serialize(self)
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Look, Unclean> {
        Ok(Look)
    }
    fn serialize_tuple(self, _: usize) -> Result<Look, Unclean> {
        Ok(Look)
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Look, Unclean> {
        Ok(Look)
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Look, Unclean> {
        Ok(Look)
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Look, Unclean> {
        Ok(Look)
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Look, Unclean> {
        Ok(Look)
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Look, Unclean> {
        Ok(Look)
    }
}

/// The compound kinds: each part is looked at the same way.
macro_rules! parts {
    ($($kind:ident :: $method:ident),*) => {
        $(impl ser::$kind for Look {
            type Ok = ();
            type Error = Unclean;
            fn $method<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unclean> {
                v.serialize(Look)
            }
            fn end(self) -> Result<(), Unclean> {
                Ok(())
            }
        })*
    };
}

parts!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// Structs: each field's value; the names are brief's own.
macro_rules! fields {
    ($($kind:ident),*) => {
        $(impl ser::$kind for Look {
            type Ok = ();
            type Error = Unclean;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                _: &'static str,
                v: &T,
            ) -> Result<(), Unclean> {
                v.serialize(Look)
            }
            fn end(self) -> Result<(), Unclean> {
                Ok(())
            }
        })*
    };
}

fields!(SerializeStruct, SerializeStructVariant);

impl ser::SerializeMap for Look {
    type Ok = ();
    type Error = Unclean;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, k: &T) -> Result<(), Unclean> {
        k.serialize(Look)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, v: &T) -> Result<(), Unclean> {
        v.serialize(Look)
    }
    fn end(self) -> Result<(), Unclean> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Item {
        name: String,
        tags: Vec<String>,
        nested: Option<Box<Item>>,
        map: std::collections::BTreeMap<String, (u32, String)>,
    }

    #[test]
    fn a_string_anywhere_that_cleaning_would_change_is_found() {
        let ok = Item {
            name: "Pakistan".into(),
            tags: vec!["a".into()],
            nested: None,
            map: [("k".to_string(), (1, "v".to_string()))].into(),
        };
        assert!(all_clean(&ok));
        for bad in ["\u{1b}[31mred", "a\u{202e}b", "zero\u{200d}width", "\u{7}"] {
            let deep = Item {
                name: "x".into(),
                tags: vec![],
                nested: Some(Box::new(Item {
                    name: "y".into(),
                    tags: vec![],
                    nested: None,
                    map: [("k".to_string(), (1, bad.to_string()))].into(),
                })),
                map: Default::default(),
            };
            assert!(!all_clean(&deep), "{bad:?}");
        }
    }
}
