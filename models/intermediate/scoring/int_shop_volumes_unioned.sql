{#-
    Every scheme's volume rows in one relation (DESIGN: int_<scheme>__shop_volumes_counted, one row
    per score date and active shop). To add a scheme, append its volume model to volume_models.
-#}
{%- set volume_models = [
    'int_pdd__shop_volumes_counted',
    'int_douyin__shop_volumes_counted',
    'int_tmall__shop_volumes_counted',
] -%}
{#- Only the schemes chosen by var `schemes` are unioned (and so built by a selection). -#}
{%- set volume_models = scheme_models_selected(volume_models) -%}

{{ config(materialized="view") }}

with

unioned as (

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

),

final as (

    select
        score_date,
        scheme,
        shop_id,
        volume,
    from unioned

)

select
    score_date,
    scheme,
    shop_id,
    volume,
from final
