-- v005: the line of an error gap's handler (the reference's columns place a gap by its function
-- only). NULL in rows written before it; enforcement then falls back to the function's line.
ALTER TABLE error_gaps ADD COLUMN line INTEGER;
