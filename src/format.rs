//! Display formatting: dates, durations, percentages, phone masking.
