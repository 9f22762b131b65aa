{#-
    One "checked" relation per raw table (SPEC §2, §9): reads the source ONCE, types every column with
    try_cast, and gives each raw row its FIRST failing reason (NULL = good). stg_platform__<table> keeps
    the good rows, quarantine.rejected_rows the others, so raw rows = staged rows + quarantined rows.

    Reasons (docs/DESIGN.md), checked in this fixed order:
      1 null_key                      a key column NULL
      2 duplicate_key                 a later copy of a key (first by source file path, then row number, wins)
      3 invalid_value:<col>           a non-NULL value that does not cast to the contract type (column order)
      4 null_required:<col>           a required column NULL (order as listed in the model)
      5 invalid_enum:<col>            a value outside the contract's enum (order as listed)
      6 unknown_<parent>:<col>        a reference to a missing or quarantined parent (order as listed)
      7 shop_mismatch:shop_id         the row's shop differs from its order's shop
      8 timestamp_order:<later col>   the later timestamp is before the one it must follow (order as listed)
      9 future_timestamp:<col>        a timestamp (or opened_date) after the load cut-off (column order)
     10 negative_amount:<col>         amount / refund_amount < 0
     11 rating_out_of_range:<col>     a rating outside 1-5
    <col> is always the RAW column name (the raw row is what is rejected).

    Arguments (all column names are raw names):
      table_name       raw table / source name
      columns          [[raw_name, staging_name, type], ...] in staging column order
      key              raw key column(s); several = composite key
      required         columns that must not be NULL
      enums            {column: [allowed values]} or {column: 'ref:<seed>.<column>'}
      parents          [{column, parent, model, parent_key, match_shop (bool, optional)}]
      self_parent      {column, parent}: a reference to another row of this table (category tree)
      timestamp_order  [[later, earlier], ...]: later must not be before earlier
      non_negative     columns that must be >= 0
      ratings          columns that must be within 1-5 when not NULL
-#}
{% macro platform_checked(
    table_name,
    columns,
    key,
    required=[],
    enums={},
    parents=[],
    self_parent=none,
    timestamp_order=[],
    non_negative=[],
    ratings=[]
) -%}
    {{ return(adapter.dispatch('platform_checked')(
        table_name, columns, key, required, enums, parents, self_parent, timestamp_order, non_negative, ratings
    )) }}
{%- endmacro %}


{% macro default__platform_checked(
    table_name, columns, key, required, enums, parents, self_parent, timestamp_order, non_negative, ratings
) -%}
{%- set source_relation = source('platform', table_name) -%}
{%- set present = platform_source_column_names(source_relation) -%}
{%- set types = {} -%}
{%- set staging_names = {} -%}
{%- for column in columns -%}
    {%- do staging_names.update({column[0]: column[1]}) -%}
    {%- do types.update({column[0]: column[2]}) -%}
{%- endfor -%}
{%- set key_expression -%}
    {%- if key | length == 1 -%}
        cast({{ platform_raw_column(key[0], present) }} as varchar)
    {%- else -%}
        concat_ws('|', {% for column in key %}cast({{ platform_raw_column(column, present) }} as varchar){{ ', ' if not loop.last }}{% endfor %})
    {%- endif -%}
{%- endset -%}
with {{ 'recursive' if self_parent }}

source as (

    select * from {{ source_relation }}

),

{% for parent in parents %}
{{ parent.parent }}_{{ loop.index }} as (

    select
        {{ parent.parent_key }},
        {%- if parent.get('match_shop') %}
        shop_id,
        {%- endif %}
        true as is_present
    from {{ ref(parent.model) }}

),

{% endfor %}
{% for column, allowed in enums.items() if allowed is string %}
enum_{{ column }} as (

    select {{ allowed.split('.')[1] }} as allowed_value
    from {{ ref(allowed.split(':')[1].split('.')[0]) }}

),

{% endfor %}
typed as (

    {#- Everything may be bad (SPEC §2): each value is try_cast, and a failed cast is remembered. #}
    select
        filename as source_file,
        file_row_number as source_row_number,
        {{ key_expression }} as row_key,
        struct_pack(*columns(* exclude (filename, file_row_number))) as raw_row,
        {%- for column in columns %}
        {{ platform_typed_value(column[0], column[2], present) }} as {{ column[1] }},
        {%- endfor %}
        case
            when {% for column in key %}{{ platform_raw_column(column, present) }} is null{{ ' or ' if not loop.last }}{% endfor %}
                then 'null_key'
            when row_number() over (
                partition by {{ key_expression }}
                order by filename, file_row_number
            ) > 1
                then 'duplicate_key'
            {%- for column in columns if column[2] != 'varchar' %}
            when {{ platform_raw_column(column[0], present) }} is not null
                and {{ platform_typed_value(column[0], column[2], present) }} is null
                then 'invalid_value:{{ column[0] }}'
            {%- endfor %}
            {%- for column in required %}
            when {{ platform_raw_column(column, present) }} is null
                then 'null_required:{{ column }}'
            {%- endfor %}
            {%- for column, allowed in enums.items() %}
            when {{ platform_raw_column(column, present) }} is not null
                {%- if allowed is string %}
                and cast({{ platform_raw_column(column, present) }} as varchar) not in (select allowed_value from enum_{{ column }})
                {%- else %}
                and try_cast({{ platform_raw_column(column, present) }} as {{ types[column] }}) not in ({% for value in allowed %}{{ "'" ~ value ~ "'" if value is string else value }}{{ ', ' if not loop.last }}{% endfor %})
                {%- endif %}
                then 'invalid_enum:{{ column }}'
            {%- endfor %}
        end as row_reason,
        {#- Checks on the row's own values that come after the parent checks in the reason order. -#}
        {%- set time_columns = columns | selectattr(2, 'in', ['timestamp', 'date']) | list %}
        {%- if not (timestamp_order or time_columns or non_negative or ratings) %}
        cast(null as varchar) as value_reason
        {%- else %}
        case
            {%- for pair in timestamp_order %}
            when {{ platform_typed_value(pair[0], 'timestamp', present) }}
                < {{ platform_typed_value(pair[1], 'timestamp', present) }}
                then 'timestamp_order:{{ pair[0] }}'
            {%- endfor %}
            {%- for column in columns if column[2] in ('timestamp', 'date') %}
            when {{ platform_typed_value(column[0], column[2], present) }}
                > cast({{ load_cutoff_at() }} as {{ column[2] }})
                then 'future_timestamp:{{ column[0] }}'
            {%- endfor %}
            {%- for column in non_negative %}
            when try_cast({{ platform_raw_column(column, present) }} as {{ types[column] }}) < 0
                then 'negative_amount:{{ column }}'
            {%- endfor %}
            {%- for column in ratings %}
            when try_cast({{ platform_raw_column(column, present) }} as integer) not between 1 and 5
                then 'rating_out_of_range:{{ column }}'
            {%- endfor %}
        end as value_reason
        {%- endif %}
    from source

),

{% if self_parent %}
candidates as (

    select
        {{ staging_names[key[0]] }},
        {{ staging_names[self_parent.column] }}
    from typed
    where row_reason is null
        and value_reason is null

),

reachable as (

    {#- A row is good only if its whole chain of parents up to a root is good (cycle-safe: union). -#}
    select {{ staging_names[key[0]] }}
    from candidates
    where {{ staging_names[self_parent.column] }} is null

    union

    select candidates.{{ staging_names[key[0]] }}
    from candidates
    inner join reachable
        on candidates.{{ staging_names[self_parent.column] }} = reachable.{{ staging_names[key[0]] }}

),

{% endif %}
final as (

    select
        typed.source_file,
        typed.source_row_number,
        typed.row_key,
        typed.raw_row,
        {%- for column in columns %}
        typed.{{ column[1] }},
        {%- endfor %}
        coalesce(
            typed.row_reason,
            {%- if not (self_parent or parents) %}
            cast(null as varchar),
            {%- else %}
            case
                {%- if self_parent %}
                when typed.{{ staging_names[self_parent.column] }} is not null
                    and typed.{{ staging_names[key[0]] }} not in (select {{ staging_names[key[0]] }} from reachable)
                    then 'unknown_{{ self_parent.parent }}:{{ self_parent.column }}'
                {%- endif %}
                {%- for parent in parents %}
                when typed.{{ staging_names[parent.column] }} is not null
                    and {{ parent.parent }}_{{ loop.index }}.is_present is null
                    then 'unknown_{{ parent.parent }}:{{ parent.column }}'
                {%- endfor %}
                {%- for parent in parents %}
                {%- if parent.get('match_shop') %}
                when {{ parent.parent }}_{{ loop.index }}.shop_id is distinct from typed.shop_id
                    and {{ parent.parent }}_{{ loop.index }}.is_present
                    then 'shop_mismatch:shop_id'
                {%- endif %}
                {%- endfor %}
            end,
            {%- endif %}
            typed.value_reason
        ) as reason
    from typed
    {%- for parent in parents %}
    left join {{ parent.parent }}_{{ loop.index }}
        on typed.{{ staging_names[parent.column] }} = {{ parent.parent }}_{{ loop.index }}.{{ parent.parent_key }}
    {%- endfor %}

)

select
    source_file,
    source_row_number,
    row_key,
    {#- kept for rejected rows only: storing every good row twice would double the write (speed). #}
    case when reason is not null then raw_row end as raw_row,
    {%- for column in columns %}
    {{ column[1] }},
    {%- endfor %}
    reason
from final
{%- endmacro %}


{#- A raw column as SQL: the quoted column, or NULL when no file of the table has it (SPEC §2). -#}
{% macro platform_raw_column(column_name, present) -%}
    {%- if present is none or column_name | lower in present -%}
        "{{ column_name }}"
    {%- else -%}
        cast(null as varchar)
    {%- endif -%}
{%- endmacro %}


{#-
    A raw column typed to the contract type as SQL (try_cast: NULL when it does not cast). Timestamps are
    naive local platform time (SPEC §2), so a value that carries its own zone is converted to Asia/Shanghai
    instead of having its zone dropped (issue #13: '2026-10-30T09:37:34Z' is 17:37:34 local):
      - a TIMESTAMP WITH TIME ZONE column (tz-aware Parquet) is converted with timezone();
      - a text value whose time is followed by a zone ('Z', '+08:00', '-0500', 'Asia/Tokyo') is read as
        TIMESTAMPTZ and converted; a zone DuckDB cannot read gives NULL, i.e. invalid_value:<col>;
      - any other value is try_cast as it is (naive local time).
-#}
{% macro platform_typed_value(column_name, column_type, present) -%}
    {%- set raw = platform_raw_column(column_name, present) -%}
    {%- set source_type = (present or {}).get(column_name | lower, '') if present is mapping else '' -%}
    {%- if column_type == 'timestamp' and source_type == 'TIMESTAMP WITH TIME ZONE' -%}
        timezone('{{ platform_time_zone() }}', {{ raw }})
    {%- elif column_type == 'timestamp' and source_type == 'VARCHAR' -%}
        case
            when regexp_matches({{ raw }}, ':\d\d(\.\d*)?\s*[A-Za-z+-]')
                then timezone('{{ platform_time_zone() }}', try_cast({{ raw }} as timestamptz))
            else try_cast({{ raw }} as timestamp)
        end
    {%- else -%}
        try_cast({{ raw }} as {{ column_type }})
    {%- endif -%}
{%- endmacro %}


{#- {lower-case column name: DuckDB type} of an external source, read from the Parquet footers (no data scanned). -#}
{% macro platform_source_column_names(source_relation) -%}
    {%- if not execute -%}
        {{ return(none) }}
    {%- endif -%}
    {%- set described = run_query('describe select * from ' ~ source_relation) -%}
    {%- set names = {} -%}
    {%- for row in described.rows -%}
        {%- do names.update({row[0] | lower: row[1] | upper}) -%}
    {%- endfor -%}
    {{ return(names) }}
{%- endmacro %}
