{#- Every toy metric model's rows in one relation: int_metric_values_unioned finds it by its name. -#}
{{ metric_models_unioned([
    'int_toy__review_rates_computed',
]) }}
