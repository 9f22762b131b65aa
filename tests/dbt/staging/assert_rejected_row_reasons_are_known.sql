{#-
    Every quarantine reason is one of the codes of docs/DESIGN.md, `<code>` or `<code>:<raw column>`.
    The whole reason must match: its anchored match (regexp_extract, in DuckDB and Spark alike) is itself.
-#}
select
    table_name,
    reason,
from {{ ref('rejected_rows') }}
where
    regexp_extract(
        reason,
        '^(null_key|duplicate_key|(invalid_value|null_required|invalid_enum|shop_mismatch|timestamp_order'
        || '|future_timestamp|negative_amount|rating_out_of_range'
        || '|unknown_(shop|order|category|after_sale|intervention)):[a-z_]+)$',
        0
    ) <> reason
