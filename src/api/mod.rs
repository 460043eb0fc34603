//! The contract with Tanyi: models, enums, queries and the HTTP client. No view code.
