from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PortalBackend(ModelBackend):
    def get_user(self, user_id):
        # Every page shows the user's service beside their name: load both at once.
        user_model = get_user_model()
        try:
            user = user_model._default_manager.select_related("service").get(pk=user_id)
        except user_model.DoesNotExist:
            return None
        return user if self.user_can_authenticate(user) else None
