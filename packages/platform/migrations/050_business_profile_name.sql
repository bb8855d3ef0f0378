-- Contract §8: a business profile's name is `businessName`. The hosted profile page used to store it under
-- `name`, so such profiles came back from `GET /v2/profiles` with `businessName: null`. Rename the key on the
-- rows that still have it; rows that already have a `businessName` keep it.
update profiles
   set business = (business - 'name') || jsonb_build_object('businessName', business -> 'name')
 where type = 'BUSINESS'
   and business ? 'name'
   and not business ? 'businessName';
