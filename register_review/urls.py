app_name = "register_review"

urlpatterns = []
