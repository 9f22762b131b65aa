{#-
    Every scheme's volume rows in one relation (DESIGN: int_<scheme>__shop_volumes_counted, one row
    per score date and listed shop), for the schemes chosen by var `schemes`. A scheme's volume model
    is found by that name (macro scheme_models), so adding a scheme needs no entry here.
-#}
{%- set volume_models = scheme_models('shop_volumes_counted') -%}

{{ config(materialized="view") }}

with

final as (

    {% for volume_model in volume_models %}
    select
        cast(score_date as date) as score_date,
        cast(scheme as varchar) as scheme,
        cast(shop_id as varchar) as shop_id,
        cast(volume as bigint) as volume,
    from {{ ref(volume_model) }}
    {% if not loop.last %}
    union all
    {% endif %}
    {% endfor %}

)

select * from final
