{#-
    Data-quality warning (SPEC §2): a help reason code missing from the help_reason_codes seed is not bad
    input - the request is staged and counts as `unclassified` help - but it should be added to the seed.
    Lists each such code with the number of staged requests using it.
-#}
{{ config(severity='warn') }}

with

help_requests as (

    select reason_code from {{ ref('stg_platform__help_requests') }}

),

reason_codes as (

    select reason_code from {{ ref('help_reason_codes') }}

)

select
    help_requests.reason_code,
    count(*) as request_count,
from help_requests
left join reason_codes
    on help_requests.reason_code = reason_codes.reason_code
where reason_codes.reason_code is null
group by help_requests.reason_code
